//! The command line: `steward` (or `steward serve`) runs the server; `steward migrate`
//! applies migrations and exits; `steward seed-demo` fills an empty database with demo data;
//! `steward bench-jobs` measures the job runner.
use crate::{
    bench_jobs::{self, BenchArgs},
    config::Config,
    seed::{self, SeedOptions},
    serve, telemetry,
};
use app::{server::db::Db, values::EmailAddress};
use std::error::Error;

const USAGE: &str =
    "usage: steward [serve | migrate | seed-demo [options] | bench-jobs [options] | help]

  serve       run the web server (default)
  migrate     apply pending database migrations and exit
  seed-demo   fill an empty database with demo partners, organizations and users, print
              the accounts to sign in with (all share one password), and exit
  create-admin EMAIL
              make the account with this address an active platform admin (inviting it
              when there is none) and print a one-time link to set its password: the way
              back in when a deployment has lost its admins
  bench-jobs  measure the job runner: queue no-op jobs, run them with several runner
              processes, print jobs per second (uses the database in DATABASE_URL)

seed-demo options:
  --orgs N    how many organizations to create, 1 to 100000 (default 60)
  --seed N    seed of the generated data; the same seed gives the same data (default 1)
  --if-empty  when the database already has users, do nothing instead of failing

bench-jobs options:
  --jobs N         how many jobs to queue (default 20000)
  --runners N      how many runner processes (default 2)
  --concurrency N  jobs each runner runs at once (default 8)

Configuration comes from environment variables; see .env.example.";

/// What `seed-demo` was asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SeedArgs {
    options: SeedOptions,
    if_empty: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Command {
    Serve,
    Migrate,
    SeedDemo(SeedArgs),
    CreateAdmin(EmailAddress),
    BenchJobs(BenchArgs),
    /// One runner process of `bench-jobs` (started by it).
    BenchWorker {
        concurrency: usize,
    },
}

pub async fn run(args: Vec<String>) -> Result<(), Box<dyn Error>> {
    let name = args.first().map(String::as_str).unwrap_or("serve");
    if matches!(name, "help" | "--help" | "-h") {
        println!("{USAGE}");
        return Ok(());
    }
    let rest = args.get(1..).unwrap_or_default();
    let command = match name {
        "serve" | "migrate" => {
            if let Some(extra) = rest.first() {
                return Err(format!("unexpected argument {extra:?}\n\n{USAGE}").into());
            }
            if name == "serve" {
                Command::Serve
            } else {
                Command::Migrate
            }
        }
        "seed-demo" => Command::SeedDemo(parse_seed_args(rest)?),
        "create-admin" => match rest {
            [email] => Command::CreateAdmin(
                EmailAddress::parse(email)
                    .map_err(|problem| format!("{problem} (got {email:?})"))?,
            ),
            _ => return Err(format!("create-admin takes one e-mail address\n\n{USAGE}").into()),
        },
        "bench-jobs" => parse_bench_args(rest)?,
        other => return Err(format!("unknown command {other:?}\n\n{USAGE}").into()),
    };
    let config = Config::from_env()?;
    telemetry::init(&config);
    if matches!(command, Command::Serve) {
        return Ok(serve::run(config).await?);
    }
    let db = serve::open_database(&config).await?;
    let result = match command {
        Command::Serve => unreachable!("served above"),
        Command::Migrate => {
            println!(
                "steward: migrations applied to the {} database",
                db.backend()
            );
            Ok(())
        }
        Command::SeedDemo(seed_args) => seed_demo(&db, seed_args).await,
        Command::CreateAdmin(email) => create_admin(&db, &config, &email).await,
        Command::BenchJobs(bench) => bench_jobs::run(&db, bench).await,
        Command::BenchWorker { concurrency } => bench_jobs::work(&db, concurrency).await,
    };
    db.close().await;
    result
}

/// Parses the flags of `bench-jobs`.
fn parse_bench_args(args: &[String]) -> Result<Command, String> {
    let mut bench = BenchArgs::default();
    let mut worker = false;
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        if flag == "--worker" {
            worker = true;
            continue;
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a number\n\n{USAGE}"))?;
        let number = value
            .parse::<u64>()
            .ok()
            .filter(|n| (1..=1_000_000).contains(n))
            .ok_or_else(|| {
                format!("{flag} must be a whole number from 1 to 1000000 (got {value:?})")
            })?;
        match flag.as_str() {
            "--jobs" => bench.jobs = number,
            "--runners" => bench.runners = u32::try_from(number.min(64)).unwrap_or(64),
            "--concurrency" => bench.concurrency = usize::try_from(number.min(256)).unwrap_or(256),
            _ => return Err(format!("unexpected argument {flag:?}\n\n{USAGE}")),
        }
    }
    Ok(if worker {
        Command::BenchWorker {
            concurrency: bench.concurrency,
        }
    } else {
        Command::BenchJobs(bench)
    })
}

/// Parses the flags of `seed-demo`. Unknown, repeated or malformed flags are errors.
fn parse_seed_args(args: &[String]) -> Result<SeedArgs, String> {
    let mut options = SeedOptions::default();
    let mut orgs: Option<usize> = None;
    let mut seed_value: Option<u64> = None;
    let mut if_empty = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value)),
            _ => (arg.as_str(), None),
        };
        match flag {
            "--orgs" | "--seed" => {
                let value = match inline_value {
                    Some(value) => value,
                    None => args
                        .next()
                        .map(String::as_str)
                        .ok_or_else(|| format!("{flag} needs a number\n\n{USAGE}"))?,
                };
                if flag == "--orgs" {
                    if orgs.is_some() {
                        return Err(format!("--orgs given twice\n\n{USAGE}"));
                    }
                    let n = value
                        .parse::<usize>()
                        .ok()
                        .filter(|n| (1..=seed::MAX_ORGS).contains(n))
                        .ok_or_else(|| {
                            format!(
                                "--orgs must be a whole number from 1 to {} (got {value:?})\n\n{USAGE}",
                                seed::MAX_ORGS
                            )
                        })?;
                    orgs = Some(n);
                } else {
                    if seed_value.is_some() {
                        return Err(format!("--seed given twice\n\n{USAGE}"));
                    }
                    let n = value.parse::<u64>().map_err(|_| {
                        format!(
                            "--seed must be a non-negative whole number (got {value:?})\n\n{USAGE}"
                        )
                    })?;
                    seed_value = Some(n);
                }
            }
            "--if-empty" if inline_value.is_none() => {
                if if_empty {
                    return Err(format!("--if-empty given twice\n\n{USAGE}"));
                }
                if_empty = true;
            }
            _ => return Err(format!("unexpected argument {arg:?}\n\n{USAGE}")),
        }
    }
    if let Some(n) = orgs {
        options.orgs = n;
    }
    if let Some(n) = seed_value {
        options.seed = n;
    }
    Ok(SeedArgs { options, if_empty })
}

/// Makes `email` a platform admin and prints the link that lets them in.
async fn create_admin(
    db: &Db,
    config: &Config,
    email: &EmailAddress,
) -> Result<(), Box<dyn Error>> {
    let made =
        app::people::server::create_admin::create_admin(db, &config.base_url(), email).await?;
    let what = if made.invited { "invited as" } else { "is now" };
    println!("steward: {} {what} a platform admin.", email.as_str());
    println!(
        "Open this link within {} hour(s) to set a password and sign in (it works once):",
        made.valid_for.num_hours().max(1)
    );
    println!("  {}", made.link);
    Ok(())
}

/// Seeds an empty database and prints what was created and how to sign in.
async fn seed_demo(db: &Db, args: SeedArgs) -> Result<(), Box<dyn Error>> {
    if seed::has_users(db).await? {
        if args.if_empty {
            println!("steward: database already has users; demo data not added");
            return Ok(());
        }
        return Err(
            "the database already has users; seed-demo only fills an empty database \
                    (pass --if-empty to skip quietly instead)"
                .into(),
        );
    }
    let password_hash = app::auth::server::password::hash(seed::DEMO_PASSWORD.to_owned()).await?;
    let summary = seed::seed_demo(db, &args.options, &password_hash).await?;
    println!(
        "steward: demo data added to the {} database (seed {}): {} partners, {} organizations, {} users",
        db.backend(),
        args.options.seed,
        summary.partners,
        summary.organizations,
        summary.users
    );
    println!();
    println!("Sign in as:");
    let width = summary
        .logins
        .iter()
        .map(|login| login.role.chars().count())
        .max()
        .unwrap_or(0);
    for login in &summary.logins {
        println!("  {:<width$}  {}", login.role, login.email);
    }
    println!();
    println!("Every demo user's password is: {}", seed::DEMO_PASSWORD);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<SeedArgs, String> {
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        parse_seed_args(&args)
    }

    #[test]
    fn seed_demo_flags_have_defaults() {
        assert_eq!(
            parse(&[]),
            Ok(SeedArgs {
                options: SeedOptions { orgs: 60, seed: 1 },
                if_empty: false
            })
        );
    }

    #[test]
    fn seed_demo_flags_are_parsed() {
        assert_eq!(
            parse(&["--orgs", "10000", "--seed", "42", "--if-empty"]),
            Ok(SeedArgs {
                options: SeedOptions {
                    orgs: 10_000,
                    seed: 42
                },
                if_empty: true
            })
        );
        assert_eq!(
            parse(&["--orgs=5", "--seed=0"]).map(|a| a.options),
            Ok(SeedOptions { orgs: 5, seed: 0 })
        );
    }

    #[test]
    fn bad_seed_demo_flags_are_refused() {
        let cases: &[&[&str]] = &[
            &["--orgs"],
            &["--orgs", "0"],
            &["--orgs", "100001"],
            &["--orgs", "-3"],
            &["--orgs", "ten"],
            &["--seed", "-1"],
            &["--seed"],
            &["--orgs", "5", "--orgs", "6"],
            &["--if-empty", "--if-empty"],
            &["--if-empty=yes"],
            &["--force"],
            &["extra"],
            &["serve"],
        ];
        for bad in cases {
            let Err(error) = parse(bad) else {
                panic!("{bad:?} should be refused");
            };
            assert!(error.contains("usage: steward"), "{error}");
        }
        assert!(parse(&["--orgs", "100000"]).is_ok());
    }
}
