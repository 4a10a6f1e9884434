//! Running the binary with a time limit and a memory cap, and making odd files.

use std::io::{Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one run may take before it is killed and its test fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The address space one run may use, in KiB (`ulimit -v`): a run that reads without
/// bound dies of it quickly instead of eating the machine's memory.
const MEMORY_KIB: u64 = 4 * 1024 * 1024;

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `rulesets/2023.rules`, absolute.
pub fn suzhou() -> String {
    absolute("rulesets/2023.rules")
}

/// The seed form, absolute.
pub fn seed() -> String {
    absolute("examples/suzhou-2023-egov.toml")
}

/// A path under the crate root, absolute.
pub fn absolute(relative: &str) -> String {
    root().join(relative).to_string_lossy().into_owned()
}

/// The binary under test.
fn binary() -> PathBuf {
    std::env::var_os("PERFEVAL_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_perfeval")),
        PathBuf::from,
    )
}

/// What a run printed, and how it ended.
#[derive(Debug)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    /// The exit status; `None` when a signal ended the run.
    pub code: Option<i32>,
}

impl Output {
    /// Asserts exit status 2 with the diagnostic `code` on standard error.
    pub fn refused(&self, code: &str) {
        assert_eq!(self.code, Some(2), "{self:#?}");
        let listed = self
            .stderr
            .lines()
            .any(|line| line.trim().trim_start_matches("Error: ") == code);
        assert!(listed, "no `{code}` in\n{}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
    }

    /// The JSON report on standard output.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {self:#?}"))
    }
}

/// A run of the binary, in a folder, through `sh` (for `ulimit` and `umask`).
pub struct Perfeval {
    dir: PathBuf,
    args: Vec<String>,
    setup: String,
    stdin: Stdio,
    input: Option<Vec<u8>>,
    stdout: Option<Stdio>,
}

impl Perfeval {
    pub fn new(dir: &Path) -> Perfeval {
        Perfeval {
            dir: dir.to_owned(),
            args: Vec::new(),
            setup: String::new(),
            stdin: Stdio::null(),
            input: None,
            stdout: None,
        }
    }

    pub fn args(mut self, args: &[&str]) -> Perfeval {
        self.args.extend(args.iter().map(|a| (*a).to_owned()));
        self
    }

    /// Shell commands run before the binary, such as `umask 077`.
    pub fn setup(mut self, commands: &str) -> Perfeval {
        self.setup = commands.to_owned();
        self
    }

    pub fn stdin(mut self, stdin: impl Into<Stdio>) -> Perfeval {
        self.stdin = stdin.into();
        self
    }

    /// Bytes written to standard input.
    pub fn input(mut self, bytes: &[u8]) -> Perfeval {
        self.stdin = Stdio::piped();
        self.input = Some(bytes.to_owned());
        self
    }

    /// Standard output somewhere other than a pipe read by the test.
    pub fn stdout(mut self, stdout: impl Into<Stdio>) -> Perfeval {
        self.stdout = Some(stdout.into());
        self
    }

    /// Starts the run without waiting for it.
    pub fn spawn(self) -> std::process::Child {
        let script = format!(
            "ulimit -v {MEMORY_KIB} 2>/dev/null; {}\nexec \"$0\" \"$@\"",
            self.setup
        );
        let mut command = match signals_reset() {
            true => {
                let mut env = Command::new("env");
                env.args([RESET_SIGNALS, "sh"]);
                env
            }
            false => Command::new("sh"),
        };
        let mut child = command
            .arg("-c")
            .arg(script)
            .arg(binary())
            .args(&self.args)
            .current_dir(&self.dir)
            .env("NO_COLOR", "1")
            .env("LC_ALL", "en_US.UTF-8")
            .stdin(self.stdin)
            .stdout(self.stdout.unwrap_or_else(Stdio::piped))
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(bytes) = self.input {
            let mut stdin = child.stdin.take().unwrap();
            // Written on a thread: a run that refuses its input stops reading it.
            std::thread::spawn(move || stdin.write_all(&bytes));
        }
        child
    }

    /// Runs to the end, or kills the run after [`TIMEOUT`] and fails the test.
    pub fn run(self) -> Output {
        let args = self.args.join(" ");
        finish(self.spawn(), &args)
    }
}

/// The signals a run's interruption is tested with, back to their default handling.
const RESET_SIGNALS: &str = "--default-signal=HUP,INT,TERM";

/// Whether `env` can give a run the default handling of signals the tests were started
/// with ignored: a shell's background job (`cargo test &` in a script) ignores SIGINT,
/// and a run started so keeps it ignored, as it should, so a test interrupting it with
/// SIGINT waited for ever. GNU `env` since coreutils 8.31; elsewhere runs start as the
/// tests did.
fn signals_reset() -> bool {
    static RESETS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *RESETS.get_or_init(|| {
        Command::new("env")
            .args([RESET_SIGNALS, "true"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Waits for a started run to end, or kills it after [`TIMEOUT`] and fails the test.
pub fn wait(child: &mut std::process::Child, what: &str) -> std::process::ExitStatus {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: the run did not end in {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Waits for a run, reading its output, and kills it at the deadline.
pub fn finish(mut child: std::process::Child, args: &str) -> Output {
    let stdout = child.stdout.take().map(reader);
    let stderr = child.stderr.take().map(reader);
    let status = wait(&mut child, &format!("`perfeval {args}`"));
    let text = |r: Option<std::thread::JoinHandle<Vec<u8>>>| {
        r.map(|r| String::from_utf8_lossy(&r.join().unwrap()).into_owned())
            .unwrap_or_default()
    };
    Output {
        stdout: text(stdout),
        stderr: text(stderr),
        code: status.code(),
    }
}

fn reader(mut stream: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        bytes
    })
}

/// Whether the tests run as root: files they create belong to user 0.
pub fn is_root() -> bool {
    let dir = tempfile::tempdir().unwrap();
    std::fs::metadata(dir.path()).unwrap().uid() == 0
}

/// Makes a named pipe.
pub fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Makes a character device node like `/dev/null` (1, 3); `false` when the system does
/// not allow it (not root, or a container without the capability).
pub fn mknod_null(path: &Path) -> bool {
    Command::new("mknod")
        .arg(path)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The names in a folder, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A folder `forms` holding a copy of the seed form as `a.toml`.
pub fn forms(dir: &Path) -> PathBuf {
    let forms = dir.join("forms");
    std::fs::create_dir(&forms).unwrap();
    std::fs::copy(seed(), forms.join("a.toml")).unwrap();
    forms
}

/// The number of projects in a JSON report.
pub fn projects(report: &serde_json::Value) -> usize {
    report["projects"].as_array().unwrap().len()
}
