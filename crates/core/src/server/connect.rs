//! Reaching the office server. What to connect to is said the way every
//! PostgreSQL program says it (libpq's rules, which rust-postgres does not
//! implement): a `postgres://` URL, a `key=value` string, or the name of a
//! service in the PostgreSQL service file; missing parts come from the
//! `PG*` environment variables. The password comes from the URL,
//! `PGPASSWORD`, the password file (`~/.pgpass`) or the OS keyring, and is
//! never written to the data dir. `sslmode` is honoured as libpq does,
//! `verify-full` included (rust-postgres knows only up to `require`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use postgres::config::SslMode;
use postgres::{Client, Config, NoTls};
use postgres_openssl::MakeTlsConnector;

use crate::error::{Error, Result};
use crate::problem::said;

/// How long connecting may take before the server counts as unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// PostgreSQL's port where none is given.
const DEFAULT_PORT: u16 = 5432;

/// The keyring service a server password is kept under.
const KEYRING_SERVICE: &str = "pacta-server";

/// Where a server is, as given (a URL, `key=value` pairs or a service
/// name), resolved into libpq's parameters.
#[derive(Debug, Clone)]
pub struct Target {
    params: BTreeMap<String, String>,
}

impl Target {
    /// Reads `spec` as libpq would, filling what it leaves out from the
    /// service file and the environment.
    pub fn parse(spec: &str) -> Result<Target> {
        let spec = spec.trim();
        let mut params = if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
            parse_url(spec)?
        } else if spec.contains('=') {
            parse_pairs(spec)?
        } else if !spec.is_empty() && !spec.contains(char::is_whitespace) {
            BTreeMap::from([("service".to_owned(), spec.to_owned())])
        } else {
            return Err(bad_spec(spec, "give a postgres:// URL or a service name"));
        };
        let service = params.get("service").cloned().or_else(|| env("PGSERVICE"));
        if let Some(service) = service {
            for (k, v) in service_params(&service)? {
                params.entry(k).or_insert(v);
            }
        }
        for (key, var) in [
            ("host", "PGHOST"),
            ("port", "PGPORT"),
            ("dbname", "PGDATABASE"),
            ("user", "PGUSER"),
            ("sslmode", "PGSSLMODE"),
            ("sslrootcert", "PGSSLROOTCERT"),
            ("passfile", "PGPASSFILE"),
            ("connect_timeout", "PGCONNECT_TIMEOUT"),
        ] {
            if let Some(v) = env(var) {
                params.entry(key.to_owned()).or_insert(v);
            }
        }
        Ok(Target { params })
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.params.get(key).map(String::as_str)
    }

    /// The hosts as given, each with its port as given ("" for the
    /// default), and whether the ports pair up with the hosts: libpq's lists
    /// (`host=db1,db2 port=5432,5433`, or one port for every host).
    fn hosts_and_ports(&self) -> (Vec<(&str, &str)>, bool) {
        let hosts: Vec<&str> = self
            .get("host")
            .unwrap_or("/var/run/postgresql")
            .split(',')
            .map(str::trim)
            .collect();
        let ports: Vec<&str> = self
            .get("port")
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .collect();
        let paired = ports.len() == 1 || ports.len() == hosts.len();
        let port = |i: usize| {
            if ports.len() == 1 {
                ports[0]
            } else {
                ports.get(i).copied().unwrap_or("")
            }
        };
        let list = hosts
            .iter()
            .enumerate()
            .map(|(i, h)| (*h, port(i)))
            .collect();
        (list, paired)
    }

    /// The hosts to try, in order, each with its port (an empty one is the
    /// default).
    fn endpoints(&self) -> Result<Vec<(String, u16)>> {
        let (list, paired) = self.hosts_and_ports();
        if !paired {
            return Err(bad_spec(
                &self.display(),
                "give one port, or one port for each host",
            ));
        }
        list.into_iter()
            .map(|(host, port)| {
                let port = if port.is_empty() {
                    DEFAULT_PORT
                } else {
                    port.parse()
                        .map_err(|_| bad_spec(port, "the port must be a number"))?
                };
                Ok((host.to_owned(), port))
            })
            .collect()
    }

    pub fn user(&self) -> String {
        self.get("user")
            .map(str::to_owned)
            .or_else(crate::data_dir::login_name)
            .unwrap_or_else(|| "postgres".into())
    }

    pub fn dbname(&self) -> String {
        self.get("dbname")
            .map(str::to_owned)
            .unwrap_or_else(|| self.user())
    }

    /// The target without its password, for messages and for settings:
    /// `user@host:port/dbname`, the hosts joined by commas when there are
    /// several (each with its port where the ports differ).
    pub fn display(&self) -> String {
        let (list, _) = self.hosts_and_ports();
        let host = |h: &str| {
            if h.contains(':') && !h.starts_with('/') {
                format!("[{h}]")
            } else {
                h.to_owned()
            }
        };
        let port = |p: &str| {
            if p.is_empty() {
                DEFAULT_PORT.to_string()
            } else {
                p.to_owned()
            }
        };
        let one_port = list.iter().all(|(_, p)| port(p) == port(list[0].1));
        let place = if one_port {
            let hosts: Vec<String> = list.iter().map(|(h, _)| host(h)).collect();
            format!("{}:{}", hosts.join(","), port(list[0].1))
        } else {
            let each: Vec<String> = list
                .iter()
                .map(|(h, p)| format!("{}:{}", host(h), port(p)))
                .collect();
            each.join(",")
        };
        format!("{}@{place}/{}", self.user(), self.dbname())
    }

    /// Whether the spec itself carries a password (it is then not fit to be
    /// remembered in the data dir's settings).
    pub fn has_password(&self) -> bool {
        self.params.contains_key("password")
    }

    /// The keyring account the password for one host is kept under.
    fn keyring_account(&self, host: &str, port: u16) -> String {
        format!("{}@{host}:{port}/{}", self.user(), self.dbname())
    }

    /// Keeps `password` in the OS keyring, for each of the target's hosts.
    pub fn remember_password(&self, password: &str) -> Result<()> {
        for (host, port) in self.endpoints()? {
            keyring::Entry::new(KEYRING_SERVICE, &self.keyring_account(&host, port))
                .and_then(|e| e.set_password(password))
                .map_err(|e| {
                    server_error(
                        "keyring_unavailable",
                        [("detail", e.to_string())],
                        format!("the OS keyring cannot keep the password ({e}); put it in the PostgreSQL password file (~/.pgpass) instead"),
                    )
                })?;
        }
        Ok(())
    }

    /// The password for one host: given, `PGPASSWORD`, the password file,
    /// the keyring. Looked up host by host, as libpq does: a primary and its
    /// standby may have lines of their own.
    fn password(&self, host: &str, port: u16) -> Option<String> {
        if let Some(p) = self.get("password") {
            return Some(p.to_owned());
        }
        if let Some(p) = env("PGPASSWORD") {
            return Some(p);
        }
        let file = self
            .get("passfile")
            .map(PathBuf::from)
            .or_else(|| dirs::home_dir().map(|h| h.join(".pgpass")));
        if let Some(p) = file
            .and_then(|f| std::fs::read_to_string(f).ok())
            .and_then(|text| passfile_lookup(&text, host, port, &self.dbname(), &self.user()))
        {
            return Some(p);
        }
        keyring::Entry::new(KEYRING_SERVICE, &self.keyring_account(host, port))
            .and_then(|e| e.get_password())
            .ok()
    }

    /// Opens a connection to the first of the target's hosts that takes
    /// one (a primary and its standby, in the order given), each with its
    /// own password, as libpq does. Each host has [`CONNECT_TIMEOUT`] (or
    /// the target's `connect_timeout`) from the first packet to a session
    /// ready for queries: a server that accepts a connection and then says
    /// nothing counts as unreachable too.
    pub fn connect(&self) -> Result<Client> {
        let limit = self
            .get("connect_timeout")
            .and_then(|t| t.parse().ok())
            .filter(|t| *t > 0)
            .map_or(CONNECT_TIMEOUT, Duration::from_secs);
        let endpoints = self.endpoints()?;
        let read_write = match self.get("target_session_attrs") {
            None | Some("any") => false,
            Some("read-write") => true,
            Some(other) => {
                return Err(bad_spec(
                    other,
                    "target_session_attrs must be any or read-write",
                ))
            }
        };
        let mode = self.get("sslmode").unwrap_or("prefer");
        let (ssl_mode, tls) = match mode {
            "disable" => (SslMode::Disable, None),
            "allow" | "prefer" => (SslMode::Prefer, Some(self.tls(mode)?)),
            "require" | "verify-ca" | "verify-full" => (SslMode::Require, Some(self.tls(mode)?)),
            other => {
                return Err(bad_spec(
                    other,
                    "sslmode must be disable, allow, prefer, require, verify-ca or verify-full",
                ))
            }
        };
        let mut failures = Vec::new();
        for (host, port) in &endpoints {
            let mut config = Config::new();
            config
                .host(host)
                .port(*port)
                .user(&self.user())
                .dbname(&self.dbname())
                .application_name("pacta")
                .ssl_mode(ssl_mode)
                .connect_timeout(limit)
                // A connection that dies mid-sync (the laptop leaves the
                // network) is given up within about half a minute, not the
                // system's quarter of an hour.
                .keepalives(true)
                .keepalives_idle(Duration::from_secs(10))
                .keepalives_interval(Duration::from_secs(5))
                .keepalives_retries(3)
                .tcp_user_timeout(Duration::from_secs(30));
            if read_write {
                config.target_session_attrs(postgres::config::TargetSessionAttrs::ReadWrite);
            }
            if let Some(p) = self.password(host, *port) {
                config.password(p);
            }
            match connect_within(config, tls.clone(), limit) {
                Ok(client) => return Ok(client),
                Err(detail) if endpoints.len() == 1 => failures.push(detail),
                Err(detail) => failures.push(format!("{host}:{port}: {detail}")),
            }
        }
        let detail = failures.join("; ");
        Err(server_error(
            "server_unreachable",
            [("server", self.display()), ("detail", detail.clone())],
            format!(
                "the office server {} cannot be reached ({detail}); nothing was synced, and everything keeps working here",
                self.display()
            ),
        ))
    }

    /// TLS as libpq does it: `verify-ca` checks the server's certificate
    /// against the root certificate, `verify-full` its host name too;
    /// `require` checks the certificate only if a root certificate is there.
    fn tls(&self, mode: &str) -> Result<MakeTlsConnector> {
        let tls_error = |e: openssl::error::ErrorStack| {
            server_error(
                "server_tls",
                [("detail", e.to_string())],
                format!("TLS could not be set up: {e}"),
            )
        };
        let mut builder = SslConnector::builder(SslMethod::tls_client()).map_err(tls_error)?;
        let root = match self.get("sslrootcert") {
            Some("system") => {
                let bundle = "/etc/ssl/certs/ca-certificates.crt";
                if std::path::Path::new(bundle).exists() {
                    builder.set_ca_file(bundle).map_err(tls_error)?;
                } else {
                    builder.set_default_verify_paths().map_err(tls_error)?;
                }
                None
            }
            Some(path) => Some(PathBuf::from(path)),
            None => dirs::home_dir().map(|h| h.join(".postgresql/root.crt")),
        };
        let verify = match root.filter(|p| p.exists() || self.get("sslrootcert").is_some()) {
            Some(path) => {
                builder.set_ca_file(&path).map_err(|e| {
                    server_error(
                        "server_root_certificate",
                        [("path", path.display().to_string()), ("detail", e.to_string())],
                        format!("the root certificate {} cannot be read: {e}", path.display()),
                    )
                })?;
                mode != "allow" && mode != "prefer"
            }
            None if mode.starts_with("verify") => {
                return Err(server_error(
                    "server_root_certificate",
                    [("path", "~/.postgresql/root.crt".to_owned())],
                    format!("sslmode={mode} needs the server's root certificate: give sslrootcert=FILE, or put it in ~/.postgresql/root.crt"),
                ))
            }
            None => self.get("sslrootcert") == Some("system"),
        };
        if !verify {
            builder.set_verify(SslVerifyMode::NONE);
        }
        let mut connector = MakeTlsConnector::new(builder.build());
        let check_host = mode == "verify-full";
        connector.set_callback(move |config, _| {
            config.set_verify_hostname(check_host);
            Ok(())
        });
        Ok(connector)
    }
}

fn env(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|v| !v.is_empty())
}

pub(crate) fn server_error<const N: usize>(
    code: &str,
    params: [(&str, String); N],
    message: impl Into<String>,
) -> Error {
    Error::Server(said(code, params, message))
}

fn bad_spec(spec: &str, what: &str) -> Error {
    let spec = without_password(spec);
    server_error(
        "server_url_invalid",
        [("url", spec.clone())],
        format!("'{spec}' does not name a server: {what}"),
    )
}

/// A server's address as given, with any password in it left out (for
/// messages).
fn without_password(spec: &str) -> String {
    if let Some((scheme, rest)) = spec.split_once("://") {
        let (authority, tail) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
        if let Some((userinfo, host)) = authority.rsplit_once('@') {
            let user = userinfo.split(':').next().unwrap_or("");
            let query = tail
                .split(['?', '&'])
                .filter(|p| p.starts_with("password="));
            let mut tail = tail.to_owned();
            for p in query {
                tail = tail.replace(p, "password=…");
            }
            return format!("{scheme}://{user}@{host}{tail}");
        }
        return spec.to_owned();
    }
    spec.split_whitespace()
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if k.trim() == "password" => "password=…".to_owned(),
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An error with what caused it ("invalid configuration: password
/// missing").
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text = format!("{text}: {s}");
        source = s.source();
    }
    text
}

/// Connects with `config` within `limit` (rust-postgres bounds the
/// socket's connect only, not the start of the session), or says why not:
/// the database's own words ("password authentication failed …") when it
/// answered, the connection's otherwise.
fn connect_within(
    config: Config,
    tls: Option<MakeTlsConnector>,
    limit: Duration,
) -> std::result::Result<Client, String> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let client = match tls {
            Some(tls) => config.connect(tls),
            None => config.connect(NoTls),
        };
        let _ = sender.send(client);
    });
    match receiver.recv_timeout(limit + Duration::from_millis(500)) {
        Ok(client) => client.map_err(|e| match e.as_db_error() {
            Some(db) => db.message().to_owned(),
            None => with_causes(&e),
        }),
        Err(_) => Err(format!("no answer within {} s", limit.as_secs())),
    }
}

/// `postgres://user:password@host:port/dbname?key=value&…`
fn parse_url(url: &str) -> Result<BTreeMap<String, String>> {
    let bad = |what: &str| bad_spec(url, what);
    let rest = url
        .split_once("://")
        .map(|(_, r)| r)
        .ok_or_else(|| bad("no scheme"))?;
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let mut params = BTreeMap::new();
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    if let Some(userinfo) = userinfo {
        let (user, password) = match userinfo.split_once(':') {
            Some((u, p)) => (u, Some(p)),
            None => (userinfo, None),
        };
        if !user.is_empty() {
            params.insert(
                "user".into(),
                decode(user).ok_or_else(|| bad("bad % escape"))?,
            );
        }
        if let Some(p) = password {
            params.insert(
                "password".into(),
                decode(p).ok_or_else(|| bad("bad % escape"))?,
            );
        }
    }
    // Several hosts (a primary and its standby): `db1:5432,db2:5433`.
    let mut hosts = Vec::new();
    let mut ports = Vec::new();
    for one in hostport.split(',') {
        let (host, port) = if let Some(v6) = one.strip_prefix('[') {
            let (h, after) = v6.split_once(']').ok_or_else(|| bad("unclosed ["))?;
            (h, after.strip_prefix(':'))
        } else {
            match one.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (one, None),
            }
        };
        let port = port.unwrap_or("");
        if !port.is_empty() && port.parse::<u16>().is_err() {
            return Err(bad("the port must be a number"));
        }
        hosts.push(decode(host).ok_or_else(|| bad("bad % escape"))?);
        ports.push(port);
    }
    if hosts.iter().any(|h| !h.is_empty()) {
        params.insert("host".into(), hosts.join(","));
    }
    if ports.iter().any(|p| !p.is_empty()) {
        params.insert("port".into(), ports.join(","));
    }
    if !path.is_empty() {
        params.insert(
            "dbname".into(),
            decode(path).ok_or_else(|| bad("bad % escape"))?,
        );
    }
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| bad("a query parameter without ="))?;
        let k = decode(k).ok_or_else(|| bad("bad % escape"))?;
        let v = decode(v).ok_or_else(|| bad("bad % escape"))?;
        params.insert(k, v);
    }
    Ok(params)
}

fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `host=db.office port=5432 dbname='pacta office'` (values may be quoted,
/// `\` escapes the next character).
fn parse_pairs(spec: &str) -> Result<BTreeMap<String, String>> {
    let mut params = BTreeMap::new();
    let mut chars = spec.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(params);
        }
        let key: String =
            std::iter::from_fn(|| chars.next_if(|c| *c != '=' && !c.is_whitespace())).collect();
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') {
            return Err(bad_spec(spec, &format!("'{key}' has no value")));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        let quoted = chars.next_if_eq(&'\'').is_some();
        loop {
            match chars.next() {
                Some('\\') => value.extend(chars.next()),
                Some('\'') if quoted => break,
                Some(c) if !quoted && c.is_whitespace() => break,
                Some(c) => value.push(c),
                None if quoted => return Err(bad_spec(spec, "an unclosed quote")),
                None => break,
            }
        }
        params.insert(key, value);
    }
}

/// A service's parameters from the service file: `PGSERVICEFILE` or
/// `~/.pg_service.conf`, then `PGSYSCONFDIR/pg_service.conf` (Debian's
/// `/etc/postgresql-common/pg_service.conf`).
fn service_params(service: &str) -> Result<BTreeMap<String, String>> {
    let mut files: Vec<PathBuf> = Vec::new();
    match env("PGSERVICEFILE") {
        Some(f) => files.push(f.into()),
        None => files.extend(dirs::home_dir().map(|h| h.join(".pg_service.conf"))),
    }
    files.push(
        PathBuf::from(env("PGSYSCONFDIR").unwrap_or_else(|| "/etc/postgresql-common".into()))
            .join("pg_service.conf"),
    );
    for file in &files {
        if let Ok(text) = std::fs::read_to_string(file) {
            if let Some(params) = service_section(&text, service) {
                return Ok(params);
            }
        }
    }
    Err(server_error(
        "server_service_unknown",
        [("service", service.to_owned())],
        format!(
            "no PostgreSQL service '{service}' in {}: add a [{service}] section there, or give a postgres:// URL",
            files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    ))
}

/// The `[service]` section of a service file, as key/value pairs.
fn service_section(text: &str, service: &str) -> Option<BTreeMap<String, String>> {
    let mut found = None;
    let mut current: Option<&str> = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name.trim());
            if current == Some(service) {
                found.get_or_insert_with(BTreeMap::new);
            }
            continue;
        }
        if current == Some(service) {
            if let (Some(map), Some((k, v))) = (found.as_mut(), line.split_once('=')) {
                let map: &mut BTreeMap<String, String> = map;
                map.insert(k.trim().to_owned(), v.trim().to_owned());
            }
        }
    }
    found
}

/// The password for a connection from a password file's lines
/// `host:port:database:user:password` (`*` matches anything, `\` escapes
/// `:` and `\`); the first matching line wins. A Unix socket matches
/// `localhost`, as libpq has it.
pub(crate) fn passfile_lookup(
    text: &str,
    host: &str,
    port: u16,
    dbname: &str,
    user: &str,
) -> Option<String> {
    let host = if host.starts_with('/') {
        "localhost"
    } else {
        host
    };
    let port = port.to_string();
    let wanted = [host, port.as_str(), dbname, user];
    for line in text.lines() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => field.extend(chars.next()),
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        if fields.len() == 5
            && fields[..4]
                .iter()
                .zip(wanted)
                .all(|(f, w)| f == "*" || f == w)
        {
            return fields.pop();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_read_as_libpq_reads_them() {
        let p = parse_url(
            "postgres://ana%40gva:s%3Acret@db.office:6543/pacta?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem",
        )
        .unwrap();
        assert_eq!(p["user"], "ana@gva");
        assert_eq!(p["password"], "s:cret");
        assert_eq!(p["host"], "db.office");
        assert_eq!(p["port"], "6543");
        assert_eq!(p["dbname"], "pacta");
        assert_eq!(p["sslmode"], "verify-full");
        assert_eq!(p["sslrootcert"], "/etc/ca.pem");
        let two = parse_url("postgres://ana@db1:5432,[::1]:5433/office").unwrap();
        assert_eq!(
            (two["host"].as_str(), two["port"].as_str()),
            ("db1,::1", "5432,5433")
        );
        let no_ports = parse_url("postgres://ana@db1,db2/office").unwrap();
        assert_eq!(no_ports["host"], "db1,db2");
        assert!(!no_ports.contains_key("port"));
        let v6 = parse_url("postgresql://[::1]:5433/x").unwrap();
        assert_eq!((v6["host"].as_str(), v6["port"].as_str()), ("::1", "5433"));
        assert!(parse_url("postgres://h:port/x").is_err());
    }

    #[test]
    fn key_value_strings_with_quotes() {
        let p = parse_pairs(r"host=db port = 5432 dbname='pacta office' password=a\ b").unwrap();
        assert_eq!(p["host"], "db");
        assert_eq!(p["port"], "5432");
        assert_eq!(p["dbname"], "pacta office");
        assert_eq!(p["password"], "a b");
        assert!(parse_pairs("host='db").is_err());
        assert!(parse_pairs("host").is_err());
    }

    #[test]
    fn service_sections() {
        let text =
            "# office\n[other]\nhost=x\n[office]\nhost = db.office\nport=5433\n\n[third]\nhost=y\n";
        let s = service_section(text, "office").unwrap();
        assert_eq!(s["host"], "db.office");
        assert_eq!(s["port"], "5433");
        assert!(!s.contains_key("dbname"));
        assert!(service_section(text, "none").is_none());
    }

    #[test]
    fn password_file_lines() {
        let text =
            "# comment\ndb.office:5432:pacta:ana:first\n*:*:*:ana:any\nh\\:x:*:*:*:esc\\:aped\n";
        let get = |h, p, d, u| passfile_lookup(text, h, p, d, u);
        assert_eq!(
            get("db.office", 5432, "pacta", "ana").as_deref(),
            Some("first")
        );
        assert_eq!(
            get("db.office", 5433, "pacta", "ana").as_deref(),
            Some("any")
        );
        assert_eq!(get("h:x", 1, "d", "u").as_deref(), Some("esc:aped"));
        assert_eq!(get("db.office", 5432, "pacta", "bob"), None);
        assert_eq!(
            passfile_lookup(
                "localhost:5432:*:ana:sock",
                "/var/run/postgresql",
                5432,
                "p",
                "ana"
            )
            .as_deref(),
            Some("sock")
        );
    }

    #[test]
    fn errors_never_show_the_password() {
        assert_eq!(
            without_password("postgres://ana:secret@db:54x2/office?password=x&sslmode=require"),
            "postgres://ana@db:54x2/office?password=…&sslmode=require"
        );
        assert_eq!(
            without_password("host=db password=secret"),
            "host=db password=…"
        );
        let e = parse_url("postgres://ana:secret@db:54x2/office").unwrap_err();
        assert!(!e.to_string().contains("secret"), "{e}");
    }

    #[test]
    fn several_hosts_each_with_its_port() {
        let target = |url| Target {
            params: parse_url(url).unwrap(),
        };
        let t = target("postgres://ana@db1:5432,db2:5433/pacta");
        assert_eq!(
            t.endpoints().unwrap(),
            [("db1".to_owned(), 5432), ("db2".to_owned(), 5433)]
        );
        assert_eq!(t.display(), "ana@db1:5432,db2:5433/pacta");
        let t = target("postgres://ana@db1,db2:6000/pacta");
        assert_eq!(
            t.endpoints().unwrap(),
            [("db1".to_owned(), 5432), ("db2".to_owned(), 6000)]
        );
        let t = target("postgres://ana@db1,db2/pacta");
        assert_eq!(t.display(), "ana@db1,db2:5432/pacta");
        let t = Target {
            params: parse_pairs("host=db1,db2,db3 port=1,2 user=ana dbname=p").unwrap(),
        };
        let e = t.endpoints().unwrap_err().to_string();
        assert!(e.contains("one port for each host"), "{e}");
    }

    #[test]
    fn a_display_never_shows_the_password() {
        let t = Target {
            params: parse_url("postgres://ana:secret@db:5432/pacta").unwrap(),
        };
        assert_eq!(t.display(), "ana@db:5432/pacta");
        assert!(t.has_password());
    }
}
