//! Fresh ids for what the user creates. Each is a time-ordered random UUID (version 7): two
//! windows, or two laptops syncing one plan, never make the same id, even in the same
//! millisecond, so a merge by id keeps everything either side added. The model only formats the
//! token ([`ItemId::unique`]): the clock and the randomness stay out of it.

use crate::model::ItemId;

/// A new id for an item of the kind `prefix` names (`c`, `b`, `d`).
pub fn fresh_item_id(prefix: &str) -> ItemId {
    ItemId::unique(prefix, uuid::Uuid::now_v7().as_u128())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_never_repeat_and_sort_by_time() {
        let ids: Vec<ItemId> = (0..10_000).map(|_| fresh_item_id("d")).collect();
        let unique: std::collections::BTreeSet<&ItemId> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
        assert!(ids.iter().all(|id| id.as_str().starts_with("d-") && id.as_str().len() == 34));
    }
}
