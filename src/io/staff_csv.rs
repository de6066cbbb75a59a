//! Reading a staff list from a spreadsheet's CSV export into [`Staff`]: [`read_staff_csv`] and
//! [`parse_staff_csv`]. Columns are found by their header, case-insensitively and with common
//! synonyms (see [`COLUMNS`]); spreadsheets' habits are handled: a UTF-8 byte-order mark, `;` as
//! the separator (European locales; sniffed from the header line), CRLF line ends.
//!
//! A row is all or nothing: a row with a blank name, a number that does not parse, or a name
//! already in the file or the roster is skipped whole and reported as a [`RowProblem`] with its
//! line; the good rows are returned. Only a file that cannot be read at all, or has no name
//! column, is an error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::store::{self, StoreError};
use crate::model::roster::{Experience, PersonName, Roster, Staff};

/// A staff list bigger than this is refused: 4 MiB is tens of thousands of people.
pub const MAX_STAFF_CSV_BYTES: usize = 4 * 1024 * 1024;

/// Rows beyond this many are refused (the file is refused whole, so nothing is half-imported).
pub const MAX_STAFF_ROWS: usize = 20_000;

/// Header spellings per column, after lower-casing and reading `_` and `-` as spaces.
pub const COLUMNS: [(Column, &[&str]); 7] = [
    (Column::Name, &["name", "full name"]),
    (Column::Contact, &["contact", "email", "e mail", "phone"]),
    (Column::Newcomer, &["newcomer"]),
    (Column::Experience, &["experience"]),
    (Column::MaxPerDay, &["max hours per day", "hours per day", "max hours a day"]),
    (Column::MaxTotal, &["max hours", "max hours total", "hours total", "max total hours"]),
    (Column::Skills, &["skills", "languages", "skill", "language"]),
];

/// What a column of the file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Name,
    Contact,
    Newcomer,
    Experience,
    MaxPerDay,
    MaxTotal,
    Skills,
}

/// One skipped row: its line in the file (1 is the header) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub message: String,
}

/// What a staff list gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffImport {
    /// The good rows, in file order.
    pub staff: Vec<Staff>,
    /// The rows left out, in file order.
    pub skipped: Vec<RowProblem>,
    /// Header cells that name no known column (their values are not read).
    pub ignored_columns: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum StaffCsvError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}: error: no such file", path.display())]
    Missing { path: PathBuf },
    #[error("{}: error: {size} bytes, more than the {MAX_STAFF_CSV_BYTES} a staff list can be", path.display())]
    TooLarge { size: usize, path: PathBuf },
    #[error("{}: error: more than {MAX_STAFF_ROWS} rows", path.display())]
    TooManyRows { path: PathBuf },
    #[error("{}: error: no name column (a header cell \"name\" or \"full name\"); the header has: {header}", path.display())]
    NoNameColumn { header: String, path: PathBuf },
}

/// Reads the staff list at `path`; names already in `roster` are skipped rows.
///
/// # Errors
/// The file cannot be read, is missing or too large, or has no name column.
pub fn read_staff_csv(path: &Path, roster: &Roster) -> Result<StaffImport, StaffCsvError> {
    let bytes =
        store::read_limited("staff list", path)?.ok_or_else(|| StaffCsvError::Missing { path: path.to_owned() })?;
    parse_staff_csv(&bytes, path, roster)
}

/// Parses a staff list; `path` is for messages. Names already in `roster` are skipped rows.
///
/// # Errors
/// Too large, too many rows, or no name column.
pub fn parse_staff_csv(bytes: &[u8], path: &Path, roster: &Roster) -> Result<StaffImport, StaffCsvError> {
    if bytes.len() > MAX_STAFF_CSV_BYTES {
        return Err(StaffCsvError::TooLarge { size: bytes.len(), path: path.to_owned() });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(bytes))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let header: Vec<String> = match reader.byte_headers() {
        Ok(cells) => cells.iter().map(|c| String::from_utf8_lossy(c).into_owned()).collect(),
        Err(_) => Vec::new(),
    };
    let (columns, ignored_columns) = map_columns(&header);
    if !columns.values().any(|&c| c == Column::Name) {
        return Err(StaffCsvError::NoNameColumn { header: header.join(", "), path: path.to_owned() });
    }
    let mut out = StaffImport { staff: Vec::new(), skipped: Vec::new(), ignored_columns };
    // Lower-cased names seen so far, with the line they were on (0: in the roster).
    let mut seen: BTreeMap<String, u64> =
        roster.staff().iter().map(|s| (s.name.as_str().trim().to_lowercase(), 0)).collect();
    for (index, record) in reader.byte_records().enumerate() {
        if index >= MAX_STAFF_ROWS {
            return Err(StaffCsvError::TooManyRows { path: path.to_owned() });
        }
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let line = err.position().map_or(0, csv::Position::line);
                out.skipped.push(RowProblem { line, message: format!("unreadable row: {err}") });
                continue;
            }
        };
        let line = record.position().map_or(0, |pos| record_line(bytes, pos));
        if record.iter().all(<[u8]>::is_empty) {
            continue; // A blank line, or a row of empty cells: spreadsheets leave those.
        }
        match staff_from_row(&record, &columns, &seen) {
            Ok(staff) => {
                seen.insert(staff.name.as_str().to_lowercase(), line);
                out.staff.push(staff);
            }
            Err(message) => out.skipped.push(RowProblem { line, message }),
        }
    }
    Ok(out)
}

/// The line a record starts on. The reader's position is where it started reading, which is
/// before any blank lines it skipped, so those are counted here.
fn record_line(bytes: &[u8], pos: &csv::Position) -> u64 {
    let from = usize::try_from(pos.byte()).unwrap_or(usize::MAX);
    let skipped = bytes.get(from..).unwrap_or(&[]).iter().take_while(|&&b| b == b'\n' || b == b'\r');
    pos.line() + u64::try_from(skipped.filter(|&&b| b == b'\n').count()).unwrap_or(0)
}

/// `,`, `;` or a tab: whichever the header line holds most of (outside quotes); `,` on a tie.
fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let mut counts = [(b',', 0_usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in first_line {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some((_, n)) = counts.iter_mut().find(|(d, _)| *d == b) {
            *n += 1;
        }
    }
    counts.iter().fold((b',', 0), |best, &(d, n)| if n > best.1 { (d, n) } else { best }).0
}

/// Which column each header cell is (by position), and the cells that are none.
fn map_columns(header: &[String]) -> (BTreeMap<usize, Column>, Vec<String>) {
    let mut columns = BTreeMap::new();
    let mut ignored = Vec::new();
    for (i, cell) in header.iter().enumerate() {
        let key = cell.to_lowercase().replace(['_', '-'], " ").split_whitespace().collect::<Vec<_>>().join(" ");
        match COLUMNS.iter().find(|(_, names)| names.contains(&key.as_str())) {
            // The first name column wins; a second one (say, "full name" after "name") is ignored.
            Some(&(Column::Name, _)) if columns.values().any(|&c| c == Column::Name) => ignored.push(cell.clone()),
            Some(&(column, _)) => {
                columns.insert(i, column);
            }
            None if !key.is_empty() => ignored.push(cell.clone()),
            None => {}
        }
    }
    (columns, ignored)
}

/// One row as a staff member, or why not. `seen`: lower-cased names already taken, with their
/// line (0: in the roster).
fn staff_from_row(
    record: &csv::ByteRecord,
    columns: &BTreeMap<usize, Column>,
    seen: &BTreeMap<String, u64>,
) -> Result<Staff, String> {
    let mut staff = Staff::new("", Experience::Experienced);
    let mut contact: Vec<String> = Vec::new();
    for (&i, &column) in columns {
        let Some(raw) = record.get(i) else { continue };
        let text = std::str::from_utf8(raw).map_err(|_| format!("column {} is not UTF-8 text", i + 1))?.trim();
        match column {
            Column::Name => staff.name = PersonName::new(text.split_whitespace().collect::<Vec<_>>().join(" ")),
            Column::Contact if !text.is_empty() => contact.push(text.to_owned()),
            Column::Contact => {}
            Column::Newcomer => {
                if parse_yes_no(text).ok_or_else(|| format!("newcomer \"{text}\" is not yes or no"))? {
                    staff.experience = Experience::Newcomer;
                }
            }
            Column::Experience => staff.experience = parse_experience(text)?,
            Column::MaxPerDay => staff.max_hours_per_day = parse_hours(text, "max hours per day")?,
            Column::MaxTotal => staff.max_hours_total = parse_hours(text, "max hours")?,
            Column::Skills => staff
                .skills
                .extend(text.split([';', ',', '/']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)),
        }
    }
    let name = staff.name.as_str();
    if name.is_empty() {
        return Err("no name".to_owned());
    }
    match seen.get(&name.to_lowercase()) {
        Some(0) => return Err(format!("{name} is already in the roster")),
        Some(line) => return Err(format!("{name} is listed twice (first on line {line})")),
        None => {}
    }
    staff.contact = contact.join(", ");
    staff.skills.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    Ok(staff)
}

/// `yes`/`no`, `true`/`false`, `y`/`n`, `1`/`0`, `x` (a ticked box); blank is no.
fn parse_yes_no(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "x" | "ja" | "sí" | "si" | "oui" => Some(true),
        "no" | "n" | "false" | "0" | "" | "nein" | "non" => Some(false),
        _ => None,
    }
}

/// `newcomer`/`new`, `experienced`/`exp`/`veteran`; blank is experienced.
fn parse_experience(text: &str) -> Result<Experience, String> {
    match text.to_lowercase().as_str() {
        "newcomer" | "new" | "beginner" | "first time" => Ok(Experience::Newcomer),
        "experienced" | "exp" | "veteran" | "" => Ok(Experience::Experienced),
        _ => Err(format!("experience \"{text}\" is neither newcomer nor experienced")),
    }
}

/// Whole hours; blank is no limit.
fn parse_hours(text: &str, what: &str) -> Result<Option<u32>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let trimmed = text.trim_end_matches(['h', 'H']).trim();
    trimmed.parse::<u32>().map(Some).map_err(|_| format!("{what} \"{text}\" is not a whole number of hours"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> StaffImport {
        parse_staff_csv(text.as_bytes(), Path::new("staff.csv"), &Roster::new("r", "c").unwrap()).unwrap()
    }

    #[test]
    fn columns_are_found_by_their_synonyms() {
        let got = parse(
            "Full Name,E-Mail,Phone,Newcomer,Max_Hours_Per_Day,Max hours total,Languages,Shoe size\n\
             Ana Lima,ana@example.org,555,no,6,12,de; es / fr,42\n\
             Ben  Ortiz,,,x,,,,\n",
        );
        assert_eq!(got.skipped, []);
        assert_eq!(got.ignored_columns, ["Shoe size"]);
        let ana = &got.staff[0];
        assert_eq!((ana.name.as_str(), ana.contact.as_str()), ("Ana Lima", "ana@example.org, 555"));
        assert_eq!(
            (ana.experience, ana.max_hours_per_day, ana.max_hours_total),
            (Experience::Experienced, Some(6), Some(12))
        );
        assert_eq!(ana.skills, ["de", "es", "fr"]);
        let ben = &got.staff[1];
        assert_eq!(
            (ben.name.as_str(), ben.experience, ben.max_hours_per_day),
            ("Ben Ortiz", Experience::Newcomer, None)
        );
    }

    #[test]
    fn bom_semicolons_and_crlf_from_a_european_spreadsheet() {
        let got = parse(
            "\u{feff}Name;Experience;Hours per day;Skills\r\nJosé Ruiz;new;4;es,pt\r\n\"Ng, Mai\";experienced;;\r\n",
        );
        let names: Vec<&str> = got.staff.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["José Ruiz", "Ng, Mai"]);
        assert_eq!((got.staff[0].experience, got.staff[0].max_hours_per_day), (Experience::Newcomer, Some(4)));
        assert_eq!(got.staff[0].skills, ["es", "pt"]);
    }

    #[test]
    fn bad_rows_are_skipped_whole_with_their_line() {
        let mut roster = Roster::new("r", "c").unwrap().into_parts();
        roster.staff.push(Staff::new("Kai Tanaka", Experience::Experienced));
        let roster = Roster::from_parts(roster).unwrap();
        let text = "name,max hours,newcomer\nAna,10,no\n,3,no\nBen,lots,no\n\nana,2,no\nkai tanaka,1,no\nCy,2,maybe\nDi,7h,yes\n";
        let got = parse_staff_csv(text.as_bytes(), Path::new("staff.csv"), &roster).unwrap();
        let names: Vec<&str> = got.staff.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Ana", "Di"]);
        let problems: Vec<(u64, &str)> = got.skipped.iter().map(|p| (p.line, p.message.as_str())).collect();
        assert_eq!(
            problems,
            [
                (3, "no name"),
                (4, "max hours \"lots\" is not a whole number of hours"),
                (6, "ana is listed twice (first on line 2)"),
                (7, "kai tanaka is already in the roster"),
                (8, "newcomer \"maybe\" is not yes or no"),
            ]
        );
    }

    #[test]
    fn a_file_without_a_name_column_is_an_error_naming_it() {
        let err = parse_staff_csv(b"email,phone\na@b,1\n", Path::new("people.csv"), &Roster::new("r", "c").unwrap())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "people.csv: error: no name column (a header cell \"name\" or \"full name\"); the header has: email, phone"
        );
        let empty = parse_staff_csv(b"", Path::new("empty.csv"), &Roster::new("r", "c").unwrap());
        assert!(matches!(empty, Err(StaffCsvError::NoNameColumn { .. })));
        let huge = vec![b'a'; MAX_STAFF_CSV_BYTES + 1];
        let too_big = parse_staff_csv(&huge, Path::new("big.csv"), &Roster::new("r", "c").unwrap());
        assert!(matches!(too_big, Err(StaffCsvError::TooLarge { .. })));
    }
}
