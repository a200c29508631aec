//! Background jobs (platform admins): one tab per status with its count, each job's kind,
//! tries, timing and last error, and retry or cancel where they apply.
use super::{
    api::{list_jobs, CancelJob, RetryJob},
    types::{JobRow, JobStatus},
};
use crate::{
    error::AppError,
    pages::error::ErrorPanel,
    shell::use_viewer,
    ui::{
        date, load_error, page_param, query_param, Badge, Button, ButtonKind, EmptyState, Feedback,
        FormAlert, PageHeader, Paging, TabLink, TableCard, Tabs, Tone,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn JobsPage() -> impl IntoView {
    if !use_viewer().is_some_and(|v| v.is_platform_admin()) {
        return view! { <ErrorPanel error=AppError::Forbidden/> }.into_any();
    }
    let (status, page) = (query_param("status"), page_param());
    let retry = ServerAction::<RetryJob>::new();
    let cancel = ServerAction::<CancelJob>::new();
    let jobs = Resource::new(
        move || {
            (
                status(),
                page(),
                retry.version().get(),
                cancel.version().get(),
            )
        },
        |(status, page, ..)| list_jobs(status, page),
    );
    let (retry_feedback, cancel_feedback) = (Feedback::of(retry), Feedback::of(cancel));
    view! {
        <Title text="Background jobs"/>
        <PageHeader title="Background jobs" description="Work the app servers run later: e-mail delivery, clean-ups and, as features arrive, recomputes and renewals. Failed jobs are retried with growing waits; dead ones used up their tries."/>
        <FormAlert feedback=retry_feedback/>
        <FormAlert feedback=cancel_feedback/>
        <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
            {move || jobs.get().map(|answer| match answer {
                Err(e) => load_error(e),
                Ok(list) => {
                    let shown = JobStatus::from_code(&status()).unwrap_or(JobStatus::Queued);
                    let tabs: Vec<TabLink> = list.counts.iter().map(|(s, n)| TabLink {
                        label: format!("{} ({n})", s.label()),
                        href: format!("?status={}", s.code()),
                        active: *s == shown,
                    }).collect();
                    let body = if list.page.items.is_empty() {
                        view! { <EmptyState title="No jobs here" description="Nothing is in this state right now."/> }.into_any()
                    } else {
                        let paging = Paging::of(&list.page);
                        view! {
                            <TableCard headings=&["Job", "State", "Tries", "When", ""] paging>
                                {list.page.items.into_iter().map(|job| view! { <JobLine job retry cancel/> }).collect_view()}
                            </TableCard>
                        }.into_any()
                    };
                    view! {
                        <div class="mb-6"><Tabs label="Job states" tabs=tabs/></div>
                        {body}
                    }.into_any()
                }
            })}
        </Transition>
    }
    .into_any()
}

fn tone(status: JobStatus) -> Tone {
    match status {
        JobStatus::Queued => Tone::Info,
        JobStatus::Running => Tone::Warning,
        JobStatus::Failed | JobStatus::Dead => Tone::Danger,
        JobStatus::Succeeded => Tone::Success,
        JobStatus::Cancelled => Tone::Neutral,
    }
}

#[component]
fn JobLine(
    job: JobRow,
    retry: ServerAction<RetryJob>,
    cancel: ServerAction<CancelJob>,
) -> impl IntoView {
    let when = match (job.status, job.finished_at) {
        (JobStatus::Queued | JobStatus::Failed, _) => format!("Next run {}", date(job.run_at)),
        (JobStatus::Running, _) => format!("Started, due {}", date(job.run_at)),
        (_, Some(at)) => format!("Ended {}", date(at)),
        (_, None) => format!("Queued {}", date(job.created_at)),
    };
    let every = job
        .every_secs
        .map(|secs| view! { <div class="text-xs text-muted">{format!("Recurring, every {}", period(secs))}</div> });
    let (can_retry, can_cancel) = (job.status.can_retry(), job.can_cancel());
    view! {
        <tr>
            <td class="text-sm">
                <code>{job.kind.clone()}</code>
                <div class="text-xs text-muted">{format!("#{}", job.id)}</div>
                {every}
            </td>
            <td class="text-sm">
                <Badge tone=tone(job.status)>{job.status.label()}</Badge>
                {job.last_error.clone().map(|e| view! { <p class="mt-1 max-w-md break-words text-xs text-danger">{e}</p> })}
            </td>
            <td class="whitespace-nowrap text-sm">{format!("{} of {}", job.attempts, job.max_attempts)}</td>
            <td class="whitespace-nowrap text-sm">{when}</td>
            <td>
                <div class="flex flex-wrap justify-end gap-2">
                    {can_retry.then(|| view! {
                        <ActionForm action=retry>
                            <input type="hidden" name="job" value=job.id/>
                            <Button kind=ButtonKind::Secondary small=true>"Retry now"</Button>
                        </ActionForm>
                    })}
                    {can_cancel.then(|| view! {
                        <ActionForm action=cancel>
                            <input type="hidden" name="job" value=job.id/>
                            <Button kind=ButtonKind::DangerQuiet small=true>"Cancel"</Button>
                        </ActionForm>
                    })}
                </div>
            </td>
        </tr>
    }
}

/// `3600` → "hour", `300` → "5 minutes".
fn period(secs: i64) -> String {
    match secs {
        3600 => "hour".into(),
        86_400 => "day".into(),
        s if s % 3600 == 0 => format!("{} hours", s / 3600),
        s if s % 60 == 0 => format!("{} minutes", s / 60),
        s => format!("{s} seconds"),
    }
}
