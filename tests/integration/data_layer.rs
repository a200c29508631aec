//! The data layer's toolkit on both backends: page numbers clamped, case-insensitive filters,
//! and each piece of SQL that differs between SQLite and PostgreSQL (upserts, full-text search,
//! claiming work, bulk inserts) run against the real database.
use crate::{
    on_both_backends,
    support::{Backend, TestApp},
};
use app::server::db::{
    dialect::{insert_rows, prefix_pattern},
    Db, Dialect,
};
use http::StatusCode;
use std::collections::BTreeSet;

on_both_backends!(
    page_numbers_beyond_the_last_page_show_the_last_page,
    filters_ignore_case_and_take_wildcards_literally,
    upserts_insert_then_update,
    full_text_search_finds_every_word,
    parallel_claims_never_take_the_same_row,
    bulk_inserts_write_every_row,
);

async fn page_numbers_beyond_the_last_page_show_the_last_page(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let admin = app.sign_in("admin@steward.test").await;
    let huge = i64::MAX.to_string();
    for path in [
        format!("/cs/admin/audit?page={huge}"),
        format!("/cs/admin/organizations?page={huge}"),
        format!("/cs/admin/users?page=-{huge}"),
        format!("/cs/admin/outbox?page={huge}"),
    ] {
        let res = admin.get(&path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
        assert!(!res.body.contains("Something went wrong"), "{path}");
    }
    // Three organizations fit on one page: page 9223372036854775807 is page 1 of 1.
    let page = admin
        .call("/api/organizations/list", &[("filter[page]", &huge)])
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let page = page.json();
    assert_eq!(page["page"].as_i64(), Some(1), "{page}");
    assert_eq!(page["items"].as_array().map(Vec::len), Some(3), "{page}");
}

async fn filters_ignore_case_and_take_wildcards_literally(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let admin = app.sign_in("admin@steward.test").await;
    let audit_total = |action: &'static str| {
        let admin = &admin;
        async move {
            let res = admin
                .call("/api/audit/list", &[("filter[action]", action)])
                .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            res.json()["total"].as_i64().unwrap()
        }
    };
    let lower = audit_total("auth.").await;
    assert!(lower >= 1, "the admin's sign-in is audited");
    assert_eq!(
        audit_total("AUTH.").await,
        lower,
        "the action prefix ignores case"
    );
    assert_eq!(
        audit_total("auth%").await,
        0,
        "% is a character, not a wildcard"
    );

    let people = |q: &'static str| {
        let admin = &admin;
        async move {
            let res = admin.call("/api/people/list", &[("q", q)]).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            res.json()["total"].as_i64().unwrap()
        }
    };
    assert_eq!(people("AVERY ADMIN").await, 1);
    assert_eq!(people("ADMIN@STEWARD").await, 1);
    assert_eq!(people("_").await, 0, "_ is a character, not a wildcard");
}

async fn upserts_insert_then_update(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    app.execute(
        "CREATE TABLE counters (name TEXT PRIMARY KEY, hits BIGINT NOT NULL, note TEXT NOT NULL)",
    )
    .await;
    let sql = app
        .db
        .dialect()
        .upsert("counters", &["name", "hits", "note"], &["name"], &["hits"]);
    for (hits, note) in [(1_i64, "first"), (5, "second")] {
        app::on_db!(&app.db, pool => {
            sqlx::query(&sql).bind("signups").bind(hits).bind(note).execute(pool).await.map(drop)
        })
        .expect("upsert");
    }
    let row: (i64, String) = app::on_db!(&app.db, pool => {
        sqlx::query_as("SELECT hits, note FROM counters WHERE name = 'signups'").fetch_one(pool).await
    })
    .unwrap();
    assert_eq!(row, (5, "first".into()), "hits updated, note kept");
    assert_eq!(app.number("SELECT COUNT(*) FROM counters").await, 1);
}

/// The search index a migration would create for `notes.body`, per backend.
async fn create_searchable_notes(app: &TestApp) {
    app.execute("CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL)")
        .await;
    match app.db.dialect() {
        Dialect::Sqlite => {
            app.execute("CREATE VIRTUAL TABLE notes_search USING fts5(body, content='notes', content_rowid='id')").await;
            app.execute("CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN INSERT INTO notes_search(rowid, body) VALUES (new.id, new.body); END").await;
        }
        Dialect::Postgres => {
            app.execute("ALTER TABLE notes ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED").await;
            app.execute("CREATE INDEX notes_search_idx ON notes USING GIN (search)")
                .await;
        }
    }
}

async fn full_text_search_finds_every_word(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    create_searchable_notes(&app).await;
    app.execute(
        "INSERT INTO notes (id, body) VALUES (1, 'Refund requested after the late fee'), \
         (2, 'Invoice paid; no refund'), (3, 'Password reset link expired')",
    )
    .await;
    let dialect = app.db.dialect();
    let sql = format!(
        "SELECT id FROM notes WHERE {} ORDER BY id",
        dialect.full_text_match("notes", "$1")
    );
    let search = |input: &str| {
        let terms = dialect.search_terms(input).expect("words to look for");
        let sql = sql.clone();
        let db: Db = app.db.clone();
        async move {
            app::on_db!(&db, pool => sqlx::query_scalar::<_, i64>(&sql).bind(terms).fetch_all(pool).await)
                .expect("search")
        }
    };
    assert_eq!(search("refund").await, [1, 2]);
    assert_eq!(search("REFUND late-fee").await, [1], "every word, any case");
    assert_eq!(
        search("\"OR\" NEAR(refund").await,
        Vec::<i64>::new(),
        "query syntax is text"
    );
    assert_eq!(search("expired password").await, [3]);
    assert_eq!(dialect.search_terms("  !! "), None);
}

async fn parallel_claims_never_take_the_same_row(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    app.execute("CREATE TABLE work (id BIGINT PRIMARY KEY, owner TEXT)")
        .await;
    let values: Vec<String> = (1..=40).map(|id| format!("({id}, NULL)")).collect();
    app.execute(&format!(
        "INSERT INTO work (id, owner) VALUES {}",
        values.join(", ")
    ))
    .await;
    let sql = app
        .db
        .dialect()
        .claim("work", "owner = $1", "owner IS NULL", "id", "$2", "id");
    let claimer = |name: &'static str| {
        let (db, sql) = (app.db.clone(), sql.clone());
        tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let batch: Vec<i64> = app::on_db!(&db, pool => {
                    sqlx::query_scalar(&sql).bind(name).bind(3_i64).fetch_all(pool).await
                })
                .expect("claim");
                assert!(
                    batch.len() <= 3,
                    "a claim takes at most its limit: {batch:?}"
                );
                if batch.is_empty() {
                    return mine;
                }
                mine.extend(batch);
            }
        })
    };
    let (a, b) = (claimer("a"), claimer("b"));
    let (a, b) = (a.await.unwrap(), b.await.unwrap());
    let a: BTreeSet<i64> = a.into_iter().collect();
    let b: BTreeSet<i64> = b.into_iter().collect();
    assert!(a.is_disjoint(&b), "{a:?} / {b:?}");
    assert_eq!(a.len() + b.len(), 40, "every row claimed once");
    assert_eq!(
        app.number("SELECT COUNT(*) FROM work WHERE owner IS NULL")
            .await,
        0
    );
}

async fn bulk_inserts_write_every_row(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    app.execute("CREATE TABLE events (id BIGINT PRIMARY KEY, kind TEXT NOT NULL)")
        .await;
    let columns = ["id", "kind"];
    let rows: Vec<(i64, String)> = (1..=2_500)
        .map(|i| (i, format!("kind-{}", i % 7)))
        .collect();
    // Small chunks here so that several statements run; real callers use `rows_per_insert`.
    let chunk = app.db.dialect().rows_per_insert(columns.len()).min(1_000);
    for part in rows.chunks(chunk) {
        let sql = insert_rows("events", &columns, part.len());
        app::on_db!(&app.db, pool => {
            let mut query = sqlx::query(&sql);
            for (id, kind) in part {
                query = query.bind(*id).bind(kind);
            }
            query.execute(pool).await.map(drop)
        })
        .expect("bulk insert");
    }
    assert_eq!(app.number("SELECT COUNT(*) FROM events").await, 2_500);
    let pattern = prefix_pattern("KIND-3");
    let sql = format!(
        "SELECT COUNT(*) FROM events WHERE {}",
        app.db.dialect().like_ci("kind", "$1")
    );
    let threes: i64 = app::on_db!(&app.db, pool => {
        sqlx::query_scalar(&sql).bind(&pattern).fetch_one(pool).await
    })
    .unwrap();
    assert_eq!(threes, 357);
}
