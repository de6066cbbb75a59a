//! The one place lanyard starts a thread of its own: named, so a stack dump or `top -H` says what
//! each one is doing. The app's background tasks (`app/tasks.rs`) and the file watcher start
//! theirs here.

/// Starts `work` on a thread called `lanyard-{name}`.
///
/// # Errors
/// If the system cannot start another thread.
pub fn spawn<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<T>> {
    std::thread::Builder::new().name(format!("lanyard-{name}")).spawn(work)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_thread_is_named_and_returns_its_result() {
        let handle = super::spawn("test", || std::thread::current().name().map(str::to_owned));
        let name = handle.expect("thread").join().expect("joined");
        assert_eq!(name.as_deref(), Some("lanyard-test"));
    }
}
