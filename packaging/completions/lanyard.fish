# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_lanyard_global_optspecs
    string join \n data-dir= roster= quit-after-frames= screenshot= view= theme= now= h/help V/version
end

function __fish_lanyard_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_lanyard_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_lanyard_using_subcommand
    set -l cmd (__fish_lanyard_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c lanyard -n "__fish_lanyard_needs_command" -l data-dir -d 'Folder for plans and settings (default: the platform data folder, or $LANYARD_DATA_DIR)' -r -F
complete -c lanyard -n "__fish_lanyard_needs_command" -l roster -d 'A roster to open beside the schedule (a booth captain\'s or volunteer coordinator\'s)' -r -F
complete -c lanyard -n "__fish_lanyard_needs_command" -l quit-after-frames -d 'Quit after drawing this many frames (smoke tests and start-up measurements)' -r
complete -c lanyard -n "__fish_lanyard_needs_command" -l screenshot -d 'Save a PNG of the window once it has drawn, through the same path as "Save as picture" (documentation screenshots, smoke tests)' -r -F
complete -c lanyard -n "__fish_lanyard_needs_command" -l view -d 'Start on this view' -r -f -a "now\t'Now & next'
schedule\t'The schedule as a list'
grid\t'The schedule as the room grid'
agenda\t'My agenda'
roster\t'The open roster'
map\t'The venue map'"
complete -c lanyard -n "__fish_lanyard_needs_command" -l theme -d 'Force the theme for this run (not saved)' -r -f -a "light\t'Dark text on a light background'
dark\t'Light text on a dark background'"
complete -c lanyard -n "__fish_lanyard_needs_command" -l now -d 'Pin the clock to this conference-local time, e.g. "2027-04-16 10:20" (screenshots, demos)' -r
complete -c lanyard -n "__fish_lanyard_needs_command" -s h -l help -d 'Print help'
complete -c lanyard -n "__fish_lanyard_needs_command" -s V -l version -d 'Print version'
complete -c lanyard -n "__fish_lanyard_needs_command" -a "check" -d 'Parse schedule files and print one summary line per file'
complete -c lanyard -n "__fish_lanyard_needs_command" -a "convert" -d 'Convert a schedule to lanyard RON (.ron) or iCalendar (.ics), chosen by OUT\'s extension'
complete -c lanyard -n "__fish_lanyard_needs_command" -a "timeline" -d 'Print one person\'s timeline, one item a line in time order, then `items=N clashes=N`'
complete -c lanyard -n "__fish_lanyard_needs_command" -a "export-ics" -d 'Export your timeline (picks, own events, dinners, sign-ups, shifts) as an iCalendar file (.ics)'
complete -c lanyard -n "__fish_lanyard_needs_command" -a "gen" -d 'Write a deterministic synthetic conference (for tests and benchmarks) as RON, XML, JSON or ICS'
complete -c lanyard -n "__fish_lanyard_needs_command" -a "gen-roster" -d 'Write a deterministic synthetic booth roster (for benchmarks of `roster --auto/--check`)'
complete -c lanyard -n "__fish_lanyard_needs_command" -a "roster" -d 'Booth rosters: fill open seats (--auto) or list what breaks the rules (--check)'
complete -c lanyard -n "__fish_lanyard_needs_command" -a "stress-save" -d 'Save numbered plan and roster states in a loop, for the crash-kill test (tests/crash_kill.rs)'
complete -c lanyard -n "__fish_lanyard_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c lanyard -n "__fish_lanyard_using_subcommand check" -l data-dir -d 'Folder for plans and settings (default: the platform data folder, or $LANYARD_DATA_DIR)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand check" -s h -l help -d 'Print help'
complete -c lanyard -n "__fish_lanyard_using_subcommand convert" -s o -l output -d 'The file to write; its extension (.ron or .ics) picks the format' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand convert" -l data-dir -d 'Folder for plans and settings (default: the platform data folder, or $LANYARD_DATA_DIR)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand convert" -s h -l help -d 'Print help'
complete -c lanyard -n "__fish_lanyard_using_subcommand timeline" -l plan -d 'The plan (default: the conference\'s plan in the data folder)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand timeline" -l schedule -d 'The schedule (default: the one last opened in the app, else the bundled sample)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand timeline" -l roster -d 'A booth or volunteer roster: the shifts and slots of the plan\'s `me` join the timeline' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand timeline" -l date -d 'Only this conference day' -r
complete -c lanyard -n "__fish_lanyard_using_subcommand timeline" -l data-dir -d 'Folder for plans and settings (default: the platform data folder, or $LANYARD_DATA_DIR)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand timeline" -s h -l help -d 'Print help'
complete -c lanyard -n "__fish_lanyard_using_subcommand export-ics" -l schedule -d 'The schedule (default: the one last opened in the app, else the bundled sample)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand export-ics" -l plan -d 'The plan holding your picks (default: the conference\'s plan in the data folder)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand export-ics" -l roster -d 'A booth or volunteer roster: the shifts and slots of the plan\'s `me` are exported too' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand export-ics" -s o -l output -d 'The .ics file to write' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand export-ics" -l data-dir -d 'Folder for plans and settings (default: the platform data folder, or $LANYARD_DATA_DIR)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand export-ics" -s h -l help -d 'Print help'
complete -c lanyard -n "__fish_lanyard_using_subcommand gen" -l events -d 'How many events to generate (exactly)' -r
complete -c lanyard -n "__fish_lanyard_using_subcommand gen" -l rooms -d 'Rooms (default: about 15 events per room and day; 30 for 900 events)' -r
complete -c lanyard -n "__fish_lanyard_using_subcommand gen" -l days -d 'Conference days (default: 2 up to 1,000 events, else 4)' -r
complete -c lanyard -n "__fish_lanyard_using_subcommand gen" -l format -d 'Output format (default: from OUT\'s extension: .ron, .xml, .json or .ics)' -r -f -a "ron\t'Lanyard\'s own RON format'
xml\t'Pentabarf / frab / c3voc `schedule.xml`'
json\t'frab / c3voc `schedule.json`'
ics\t'iCalendar (RFC 5545)'"
complete -c lanyard -n "__fish_lanyard_using_subcommand gen" -l seed -d 'Seed of the generator: the same seed gives the same file' -r
complete -c lanyard -n "__fish_lanyard_using_subcommand gen" -l abstract-chars -d 'Cut every abstract to this many characters (default: whole, 1–3 KB each). With 280, 100,000 events make 87 MB of RON instead of 262 MB: under the size lanyard opens' -r
complete -c lanyard -n "__fish_lanyard_using_subcommand gen" -s o -l output -d 'The file to write' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand gen" -l data-dir -d 'Folder for plans and settings (default: the platform data folder, or $LANYARD_DATA_DIR)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand gen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lanyard -n "__fish_lanyard_using_subcommand gen-roster" -l staff -d 'Staff members' -r
complete -c lanyard -n "__fish_lanyard_using_subcommand gen-roster" -l shifts -d 'Shifts (over three days, at one booth per 20 shifts)' -r
complete -c lanyard -n "__fish_lanyard_using_subcommand gen-roster" -s o -l output -d 'The roster file to write' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand gen-roster" -l data-dir -d 'Folder for plans and settings (default: the platform data folder, or $LANYARD_DATA_DIR)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand gen-roster" -s h -l help -d 'Print help'
complete -c lanyard -n "__fish_lanyard_using_subcommand roster" -l plans -d 'A folder of staff members\' plan files (.ron) and calendars (.ics); only read' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand roster" -l schedule -d 'The schedule that times the picks in staff plans (default: the bundled sample, when the roster is for its conference)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand roster" -l import-staff -d 'Add the people of a staff list (CSV with a header row: name, contact/email/phone, newcomer or experience, max hours per day, max hours, skills/languages) and write the roster to OUT' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand roster" -s o -l output -d 'The roster file --auto or --import-staff writes (may be ROSTER itself)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand roster" -l export -d 'Also write roster.csv, roster.html and one .ics per person into DIR' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand roster" -l data-dir -d 'Folder for plans and settings (default: the platform data folder, or $LANYARD_DATA_DIR)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand roster" -l auto -d 'Fill open seats and write the roster to OUT'
complete -c lanyard -n "__fish_lanyard_using_subcommand roster" -l rebuild -d 'With --auto: re-roster every unlocked assignment, not only open seats'
complete -c lanyard -n "__fish_lanyard_using_subcommand roster" -l check -d 'Print every violation, one a line, then the summary line; exit status 1 if there are any'
complete -c lanyard -n "__fish_lanyard_using_subcommand roster" -l explain -d 'Explain every shift with open seats on stderr: who could have taken it, and why not'
complete -c lanyard -n "__fish_lanyard_using_subcommand roster" -s h -l help -d 'Print help'
complete -c lanyard -n "__fish_lanyard_using_subcommand stress-save" -l dir -d 'Folder the documents are saved in (created if missing)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand stress-save" -l documents -d 'Which documents to save each round, in this order' -r -f -a "plan\t''
roster\t''"
complete -c lanyard -n "__fish_lanyard_using_subcommand stress-save" -l seed -d 'Varies the content of every state' -r
complete -c lanyard -n "__fish_lanyard_using_subcommand stress-save" -l rounds -d 'Stop after this many rounds (default: save until killed)' -r
complete -c lanyard -n "__fish_lanyard_using_subcommand stress-save" -l data-dir -d 'Folder for plans and settings (default: the platform data folder, or $LANYARD_DATA_DIR)' -r -F
complete -c lanyard -n "__fish_lanyard_using_subcommand stress-save" -s h -l help -d 'Print help'
complete -c lanyard -n "__fish_lanyard_using_subcommand help; and not __fish_seen_subcommand_from check convert timeline export-ics gen gen-roster roster stress-save help" -f -a "check" -d 'Parse schedule files and print one summary line per file'
complete -c lanyard -n "__fish_lanyard_using_subcommand help; and not __fish_seen_subcommand_from check convert timeline export-ics gen gen-roster roster stress-save help" -f -a "convert" -d 'Convert a schedule to lanyard RON (.ron) or iCalendar (.ics), chosen by OUT\'s extension'
complete -c lanyard -n "__fish_lanyard_using_subcommand help; and not __fish_seen_subcommand_from check convert timeline export-ics gen gen-roster roster stress-save help" -f -a "timeline" -d 'Print one person\'s timeline, one item a line in time order, then `items=N clashes=N`'
complete -c lanyard -n "__fish_lanyard_using_subcommand help; and not __fish_seen_subcommand_from check convert timeline export-ics gen gen-roster roster stress-save help" -f -a "export-ics" -d 'Export your timeline (picks, own events, dinners, sign-ups, shifts) as an iCalendar file (.ics)'
complete -c lanyard -n "__fish_lanyard_using_subcommand help; and not __fish_seen_subcommand_from check convert timeline export-ics gen gen-roster roster stress-save help" -f -a "gen" -d 'Write a deterministic synthetic conference (for tests and benchmarks) as RON, XML, JSON or ICS'
complete -c lanyard -n "__fish_lanyard_using_subcommand help; and not __fish_seen_subcommand_from check convert timeline export-ics gen gen-roster roster stress-save help" -f -a "gen-roster" -d 'Write a deterministic synthetic booth roster (for benchmarks of `roster --auto/--check`)'
complete -c lanyard -n "__fish_lanyard_using_subcommand help; and not __fish_seen_subcommand_from check convert timeline export-ics gen gen-roster roster stress-save help" -f -a "roster" -d 'Booth rosters: fill open seats (--auto) or list what breaks the rules (--check)'
complete -c lanyard -n "__fish_lanyard_using_subcommand help; and not __fish_seen_subcommand_from check convert timeline export-ics gen gen-roster roster stress-save help" -f -a "stress-save" -d 'Save numbered plan and roster states in a loop, for the crash-kill test (tests/crash_kill.rs)'
complete -c lanyard -n "__fish_lanyard_using_subcommand help; and not __fish_seen_subcommand_from check convert timeline export-ics gen gen-roster roster stress-save help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
