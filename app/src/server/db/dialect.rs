//! The SQL that differs between SQLite and PostgreSQL, in one place: case-insensitive
//! matching, upserts, full-text search, claiming queued work, and bulk inserts. Everything else
//! is written once. `tests/integration/data_layer.rs` runs each of these on both backends.
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// Most bind parameters one statement may carry (SQLite's limit; PostgreSQL allows 65,535).
const MAX_BINDS: usize = 32_766;

impl Dialect {
    /// `column` matches the LIKE pattern bound at `param`, ignoring case. SQLite's `LIKE`
    /// already ignores ASCII case; PostgreSQL's does not, so it gets `ILIKE` (which also folds
    /// non-ASCII letters; SQLite folds only ASCII ones). Build the pattern
    /// with `contains_pattern` or `prefix_pattern`, which escape the user's `%` and `_`.
    pub fn like_ci(self, column: &str, param: &str) -> String {
        let op = match self {
            Self::Sqlite => "LIKE",
            Self::Postgres => "ILIKE",
        };
        format!("{column} {op} {param} ESCAPE '\\'")
    }

    /// Full-text match of `table`'s indexed text against the words bound at `param` (bind
    /// `search_terms`). The index is the migration's: on SQLite an FTS5 table `<table>_search`
    /// with `content_rowid = 'id'`; on PostgreSQL a generated `search tsvector` column
    /// (`to_tsvector('simple', …)`) with a GIN index. Every word must occur.
    pub fn full_text_match(self, table: &str, param: &str) -> String {
        match self {
            Self::Sqlite => format!(
                "{table}.id IN (SELECT rowid FROM {table}_search WHERE {table}_search MATCH {param})"
            ),
            Self::Postgres => format!("{table}.search @@ plainto_tsquery('simple', {param})"),
        }
    }

    /// The words of `input` as `full_text_match` expects them bound; `None` when there are no
    /// words to look for. FTS5 reads its own query language, so each word is quoted there.
    pub fn search_terms(self, input: &str) -> Option<String> {
        let words: Vec<&str> = input
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return None;
        }
        Some(match self {
            Self::Sqlite => words
                .iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(" "),
            Self::Postgres => words.join(" "),
        })
    }

    /// Takes up to `limit` (a bind) rows of `table` that satisfy `ready`, oldest `order` first,
    /// applying `set` to them and returning `returning`. Several servers may claim at once and
    /// never get the same row: PostgreSQL skips rows another transaction holds (`FOR UPDATE
    /// SKIP LOCKED`); SQLite has a single writer, so the one statement is atomic. The chosen
    /// ids are a materialized CTE, so the LIMIT is applied once.
    pub fn claim(
        self,
        table: &str,
        set: &str,
        ready: &str,
        order: &str,
        limit: &str,
        returning: &str,
    ) -> String {
        let lock = match self {
            Self::Sqlite => "",
            Self::Postgres => " FOR UPDATE SKIP LOCKED",
        };
        format!(
            "WITH chosen AS MATERIALIZED \
             (SELECT id FROM {table} WHERE {ready} ORDER BY {order} LIMIT {limit}{lock}) \
             UPDATE {table} SET {set} WHERE id IN (SELECT id FROM chosen) RETURNING {returning}"
        )
    }

    /// Appended to a SELECT to lock its rows until the transaction ends. PostgreSQL needs it
    /// where a check and the change it guards must not interleave with another transaction's;
    /// SQLite has none and needs none, its single writer running write transactions one at a
    /// time (make the guarded write the transaction's first statement).
    pub fn for_update(self) -> &'static str {
        match self {
            Self::Sqlite => "",
            Self::Postgres => " FOR UPDATE",
        }
    }

    /// An insert of `columns` that updates `update` (a subset) when a row with the same
    /// `conflict` key exists. Both backends spell it `ON CONFLICT … DO UPDATE`; the new values
    /// are `excluded.<column>`.
    pub fn upsert(
        self,
        table: &str,
        columns: &[&str],
        conflict: &[&str],
        update: &[&str],
    ) -> String {
        let mut sql = insert_head(table, columns);
        sql.push_str(&placeholders(1, 1, columns.len()));
        let set: Vec<String> = update
            .iter()
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        let _ = write!(
            sql,
            " ON CONFLICT ({}) DO UPDATE SET {}",
            conflict.join(", "),
            set.join(", ")
        );
        sql
    }

    /// How many rows of `columns` columns fit in one multi-row insert.
    pub fn rows_per_insert(self, columns: usize) -> usize {
        let binds = match self {
            Self::Sqlite => MAX_BINDS,
            Self::Postgres => 65_535,
        };
        (binds / columns.max(1)).max(1)
    }
}

/// `INSERT INTO table (a, b) VALUES ($1, $2), ($3, $4), …` for `rows` rows: bind the values row
/// by row, in column order. Chunk larger batches by `Dialect::rows_per_insert`.
pub fn insert_rows(table: &str, columns: &[&str], rows: usize) -> String {
    let mut sql = insert_head(table, columns);
    sql.push_str(&placeholders(1, rows, columns.len()));
    sql
}

fn insert_head(table: &str, columns: &[&str]) -> String {
    format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "))
}

/// `($first, …), (…)`: `rows` groups of `columns` numbered placeholders.
fn placeholders(first: usize, rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let group: Vec<String> = (0..columns)
                .map(|col| format!("${}", first + row * columns + col))
                .collect();
            format!("({})", group.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A LIKE pattern matching text that contains `text` literally.
pub fn contains_pattern(text: &str) -> String {
    format!("%{}%", escape_like(text))
}

/// A LIKE pattern matching text that starts with `text` literally.
pub fn prefix_pattern(text: &str) -> String {
    format!("{}%", escape_like(text))
}

fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_take_the_users_text_literally() {
        assert_eq!(contains_pattern("50%_off"), "%50\\%\\_off%");
        assert_eq!(prefix_pattern("auth."), "auth.%");
        assert_eq!(
            Dialect::Postgres.like_ci("action", "$1"),
            "action ILIKE $1 ESCAPE '\\'"
        );
    }

    #[test]
    fn multi_row_inserts_number_their_placeholders_row_by_row() {
        assert_eq!(
            insert_rows("t", &["a", "b"], 2),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(Dialect::Sqlite.rows_per_insert(3), 10_922);
    }

    #[test]
    fn upserts_update_only_the_named_columns() {
        assert_eq!(
            Dialect::Sqlite.upsert("t", &["k", "v", "n"], &["k"], &["v"]),
            "INSERT INTO t (k, v, n) VALUES ($1, $2, $3) ON CONFLICT (k) DO UPDATE SET v = excluded.v"
        );
    }

    #[test]
    fn search_terms_are_words_quoted_for_fts5() {
        assert_eq!(
            Dialect::Sqlite.search_terms("refund \"OR\" late-fee"),
            Some("\"refund\" \"OR\" \"late\" \"fee\"".into())
        );
        assert_eq!(
            Dialect::Postgres.search_terms("refund late-fee"),
            Some("refund late fee".into())
        );
        assert_eq!(Dialect::Sqlite.search_terms(" -- "), None);
    }

    #[test]
    fn claims_skip_locked_rows_on_postgres_only() {
        let pg = Dialect::Postgres.claim("jobs", "owner = $1", "owner IS NULL", "id", "$2", "id");
        assert!(
            pg.contains("LIMIT $2 FOR UPDATE SKIP LOCKED) UPDATE"),
            "{pg}"
        );
        let lite = Dialect::Sqlite.claim("jobs", "owner = $1", "owner IS NULL", "id", "$2", "id");
        assert!(!lite.contains("SKIP LOCKED"), "{lite}");
    }
}
