//! A real PostgreSQL for the office-server tests: Debian's `postgresql`
//! binaries, a cluster made by `initdb` in a temporary directory, listening
//! on 127.0.0.1 on a free port, stopped when dropped. Run as root (CI), the
//! server runs as the `postgres` user, which `initdb` requires.
//!
//! The database `office` has Pacta's schema (set up by the real `pacta
//! server init`); `admin` owns it; each person is a login role in
//! `pacta_member` whose password is in a password file (`PGPASSFILE`), as
//! an office would set it up.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tempfile::TempDir;

pub struct Postgres {
    dir: TempDir,
    bin: PathBuf,
    pub port: u16,
    ssl: bool,
    /// The postmaster; replaced by `restart` (hence the lock: the laptops
    /// of a test hold the server while it is killed and restarted).
    server: Mutex<Option<Child>>,
}

/// Whether this process runs as root (the owner of its /proc entry).
fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
}

/// The newest installed server's binaries (`/usr/lib/postgresql/N/bin`).
fn binaries() -> PathBuf {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse().ok()?;
            Some((v, e.path().join("bin")))
        })
        .filter(|(v, bin)| *v >= 15 && bin.join("initdb").exists())
        .collect();
    versions.sort();
    versions
        .pop()
        .map(|(_, bin)| bin)
        .expect("PostgreSQL 15 or later is not installed (Debian's `postgresql`; scripts/setup installs it)")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Runs a server binary, as `postgres` when we are root.
fn as_server_user(program: &Path) -> Command {
    if is_root() {
        let mut cmd = Command::new("setpriv");
        cmd.args([
            "--reuid=postgres",
            "--regid=postgres",
            "--init-groups",
            "--",
        ])
        .arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run a PostgreSQL program");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

impl Postgres {
    /// A new cluster with Pacta's schema in database `office`, and these
    /// people (`add_person`).
    pub fn start(people: &[&str]) -> Postgres {
        Postgres::start_with(false, people)
    }

    /// The same, serving TLS with a certificate for `localhost` (its own
    /// root: `root_certificate`) when `ssl`.
    pub fn start_with(ssl: bool, people: &[&str]) -> Postgres {
        let dir = TempDir::new().expect("temp dir");
        let bin = binaries();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).expect("data dir");
        if is_root() {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
            run(Command::new("chown").arg("postgres:postgres").arg(&data));
        }
        run(as_server_user(&bin.join("initdb"))
            .args(["-D"])
            .arg(&data)
            .args([
                "-U",
                "admin",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ]));
        // The administrator on this machine is trusted; everyone else gives
        // a password, as on an office's server.
        std::fs::write(
            data.join("pg_hba.conf"),
            "local all all trust\nhost all admin 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n",
        )
        .expect("pg_hba.conf");
        if ssl {
            run(Command::new("openssl")
                .args([
                    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                ])
                .args([
                    "-subj",
                    "/CN=localhost",
                    "-addext",
                    "subjectAltName=DNS:localhost",
                ])
                .arg("-keyout")
                .arg(data.join("server.key"))
                .arg("-out")
                .arg(data.join("server.crt"))
                .stderr(Stdio::null()));
            std::fs::copy(data.join("server.crt"), dir.path().join("root.crt")).expect("copy");
            if is_root() {
                run(Command::new("chown")
                    .arg("postgres:postgres")
                    .arg(data.join("server.key"))
                    .arg(data.join("server.crt")));
            }
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                data.join("server.key"),
                std::fs::Permissions::from_mode(0o600),
            )
            .expect("chmod key");
        }
        let pg = Postgres {
            dir,
            bin,
            port: free_port(),
            ssl,
            server: Mutex::new(None),
        };
        pg.run_server();
        pg.psql_admin("postgres", "CREATE DATABASE office");
        let out = Command::new(assert_cmd::cargo::cargo_bin("pacta"))
            .args(["server", "init", "--url", &pg.url("admin")])
            .output()
            .expect("run pacta server init");
        assert!(
            out.status.success(),
            "pacta server init: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for person in people {
            pg.add_person(person);
        }
        pg
    }

    fn run_server(&self) {
        let data = self.dir.path().join("data");
        let mut cmd = as_server_user(&self.bin.join("postgres"));
        cmd.arg("-D")
            .arg(&data)
            .args(["-p", &self.port.to_string()])
            .args(["-c", "listen_addresses=127.0.0.1"])
            .args(["-c", &format!("unix_socket_directories={}", data.display())])
            .args(["-c", "fsync=off", "-c", "max_connections=40"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if self.ssl {
            cmd.args(["-c", "ssl=on"]);
        }
        // Its own process group: a kill takes every backend with it.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        *self.server.lock().unwrap() = Some(cmd.spawn().expect("start postgres"));
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            let ready = Command::new(self.bin.join("pg_isready"))
                .args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-q"])
                .status()
                .is_ok_and(|s| s.success());
            if ready {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("PostgreSQL did not start on port {}", self.port);
    }

    /// Kills the server and every backend at once (SIGKILL), as a crash or
    /// a pulled plug would.
    pub fn kill(&self) {
        if let Some(mut child) = self.server.lock().unwrap().take() {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
        }
        // Backends may take a moment to go; the next start waits for them.
        std::thread::sleep(Duration::from_millis(200));
    }

    /// Starts the server again on the same port (after `kill`): it
    /// recovers from its write-ahead log.
    pub fn restart(&self) {
        let pid = self.dir.path().join("data/postmaster.pid");
        let _ = std::fs::remove_file(pid);
        self.run_server();
    }

    /// `postgres://role@127.0.0.1:port/office`.
    pub fn url(&self, role: &str) -> String {
        format!("postgres://{role}@127.0.0.1:{}/office", self.port)
    }

    /// The root certificate of a TLS server.
    pub fn root_certificate(&self) -> PathBuf {
        self.dir.path().join("root.crt")
    }

    /// The password file every person's password is in (`PGPASSFILE`).
    pub fn passfile(&self) -> PathBuf {
        self.dir.path().join("pgpass")
    }

    /// A person: a login role in `pacta_member`, with a password in the
    /// password file.
    pub fn add_person(&self, role: &str) {
        let password = format!("{role}-secret");
        self.psql_admin(
            "office",
            &format!("CREATE ROLE {role} LOGIN PASSWORD '{password}' IN ROLE pacta_member"),
        );
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.passfile())
            .expect("password file");
        writeln!(f, "*:{}:office:{role}:{password}", self.port).expect("write");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(self.passfile(), std::fs::Permissions::from_mode(0o600))
            .expect("chmod");
    }

    fn psql_command(&self, role: &str, db: &str, sql: &str) -> Command {
        let mut cmd = Command::new(self.bin.join("psql"));
        cmd.args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                role,
                "-d",
                db,
            ])
            .args(["-c", sql])
            .env("PGPASSFILE", self.passfile())
            .env_remove("PGPASSWORD");
        cmd
    }

    /// Runs SQL as the administrator; its output, trimmed.
    pub fn psql_admin(&self, db: &str, sql: &str) -> String {
        run(&mut self.psql_command("admin", db, sql))
            .trim()
            .to_owned()
    }

    /// Runs SQL in `office` as `role`: its output, or the server's error.
    pub fn psql_as(&self, role: &str, sql: &str) -> Result<String, String> {
        let out = self
            .psql_command(role, "office", sql)
            .output()
            .expect("run psql");
        match out.status.success() {
            true => Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned()),
            false => Err(String::from_utf8_lossy(&out.stderr).into_owned()),
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Some(mut child) = self.server.lock().ok().and_then(|mut s| s.take()) {
            // Immediate shutdown: the cluster is thrown away.
            let _ = Command::new("kill")
                .args(["-QUIT", &child.id().to_string()])
                .status();
            let _ = child.wait();
        }
    }
}
