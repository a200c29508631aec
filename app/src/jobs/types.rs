//! A background job as the admin page shows it.
use crate::{
    ids::{text_enum, JobId},
    paging::Page,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

text_enum! {
    /// Where a job stands. `Failed` jobs wait for their next try; `Dead` ones used up their
    /// tries and wait for an admin.
    pub enum JobStatus {
        Queued = "queued",
        Running = "running",
        Failed = "failed",
        Dead = "dead",
        Succeeded = "succeeded",
        Cancelled = "cancelled",
    }
}

impl JobStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Queued => "Queued",
            Self::Running => "Running",
            Self::Failed => "Failed, will retry",
            Self::Dead => "Dead",
            Self::Succeeded => "Succeeded",
            Self::Cancelled => "Cancelled",
        }
    }

    /// An admin may run it again now.
    pub fn can_retry(self) -> bool {
        matches!(self, Self::Failed | Self::Dead | Self::Cancelled)
    }

    /// An admin may cancel it (recurring jobs excepted: they are part of the server).
    pub fn can_cancel(self) -> bool {
        matches!(self, Self::Queued | Self::Failed | Self::Dead)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct JobRow {
    pub id: JobId,
    pub kind: String,
    pub status: JobStatus,
    /// Set for recurring jobs: how often they run.
    pub every_secs: Option<i64>,
    pub attempts: i32,
    pub max_attempts: i32,
    /// When it runs (next), for queued and failed jobs.
    pub run_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl JobRow {
    pub fn is_recurring(&self) -> bool {
        self.every_secs.is_some()
    }

    pub fn can_cancel(&self) -> bool {
        !self.is_recurring() && self.status.can_cancel()
    }
}

/// Jobs in one status, newest first, with how many there are in each status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobList {
    pub page: Page<JobRow>,
    pub counts: Vec<(JobStatus, i64)>,
}
