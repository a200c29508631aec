//! The design-system reference: every component in its states, on one page, so changes to
//! the look can be reviewed (and screenshot-tested) in one place.
use crate::{
    error::AppError,
    surfaces::DESIGN_PATH,
    ui::{
        Badge, Button, ButtonKind, Card, ChartFrame, CheckboxField, ConfirmDialog, EmptyState,
        PageHeader, PageWindow, Pagination, SelectField, SortDir, SortHeader, SortState, StatCard,
        TabLink, Tabs, TextField, Tone,
    },
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Reference rows for the table example: a fixed, clearly labelled sample.
const SAMPLE_ACCOUNTS: [(&str, u32, &str); 12] = [
    ("Northwind Traders", 82, "Active"),
    ("Globex", 41, "At risk"),
    ("Initech", 67, "Active"),
    ("Umbrella Health", 23, "Past due"),
    ("Stark Logistics", 91, "Active"),
    ("Wayne Analytics", 58, "Trial"),
    ("Acme Retail", 74, "Active"),
    ("Hooli Cloud", 35, "At risk"),
    ("Vandelay Imports", 88, "Active"),
    ("Soylent Foods", 12, "Cancelled"),
    ("Cyberdyne Robotics", 63, "Trial"),
    ("Tyrell Genetics", 49, "Active"),
];
const SORTABLE: [&str; 2] = ["name", "health"];
const PER_PAGE: usize = 5;

fn status_tone(status: &str) -> Tone {
    match status {
        "Active" => Tone::Success,
        "At risk" | "Past due" => Tone::Warning,
        "Cancelled" => Tone::Danger,
        _ => Tone::Info,
    }
}

#[component]
pub fn DesignSystem() -> impl IntoView {
    let query = use_query_map();
    let sort = Signal::derive(move || {
        query.with(|q| {
            SortState::from_query(
                q.get("sort"),
                q.get("dir"),
                &SORTABLE,
                ("name", SortDir::Asc),
            )
        })
    });
    let window = Signal::derive(move || {
        PageWindow::new(
            query.with(|q| q.get("page")),
            PER_PAGE,
            SAMPLE_ACCOUNTS.len(),
        )
    });
    let rows = move || {
        let SortState { column, dir } = sort.get();
        let mut rows = SAMPLE_ACCOUNTS.to_vec();
        rows.sort_by(|a, b| {
            if column == "health" {
                a.1.cmp(&b.1)
            } else {
                a.0.cmp(b.0)
            }
        });
        if dir == SortDir::Desc {
            rows.reverse();
        }
        let w = window.get();
        rows.into_iter()
            .skip(w.offset())
            .take(w.per_page)
            .collect::<Vec<_>>()
    };
    let tab =
        Signal::derive(move || query.with(|q| q.get("tab").unwrap_or_else(|| "overview".into())));
    let tabs = Signal::derive(move || {
        let current = tab.get();
        [
            ("overview", "Overview"),
            ("usage", "Usage"),
            ("billing", "Billing"),
        ]
        .into_iter()
        .map(|(key, label)| TabLink {
            label: label.into(),
            href: format!("?tab={key}"),
            active: current == key,
        })
        .collect::<Vec<_>>()
    });
    let dialog_open = query.with_untracked(|q| q.get("dialog").as_deref() == Some("archive"));
    let chart = Resource::new(|| (), |_| sample_chart());
    let chart_svg = Signal::derive(move || chart.get().and_then(Result::ok));

    view! {
        <PageHeader title="Design system" description="The components every Steward page is built from, in their states.">
            <a href="?dialog=archive" class="btn btn-danger">"Open a confirm dialog"</a>
        </PageHeader>
        <div class="space-y-8">
            <div class="grid gap-4 sm:grid-cols-3">
                <StatCard label="Accounts" value="1,284" note="Example figure"/>
                <StatCard label="At risk" value="37" note="Example figure"/>
                <StatCard label="Net revenue retention" value="108%" note="Example figure"/>
            </div>
            <Card title="Buttons and badges">
                <div class="flex flex-wrap items-center gap-3">
                    <Button button_type="button">"Primary"</Button>
                    <Button button_type="button" kind=ButtonKind::Secondary>"Secondary"</Button>
                    <Button button_type="button" kind=ButtonKind::Danger>"Danger"</Button>
                    <Button button_type="button" kind=ButtonKind::Ghost>"Ghost"</Button>
                    <Button button_type="button" disabled=true>"Disabled"</Button>
                </div>
                <div class="mt-4 flex flex-wrap gap-2">
                    <Badge>"Neutral"</Badge>
                    <Badge tone=Tone::Info>"Trial"</Badge>
                    <Badge tone=Tone::Success>"Healthy"</Badge>
                    <Badge tone=Tone::Warning>"At risk"</Badge>
                    <Badge tone=Tone::Danger>"Churned"</Badge>
                </div>
            </Card>
            <Card title="Form fields" description="Labels are always visible; errors are announced and tied to their field.">
                <div class="grid gap-5 sm:grid-cols-2">
                    <TextField name="example_name" label="Account name" value="Northwind Traders".to_string()/>
                    <TextField name="example_email" label="Billing e-mail" input_type="email" value="billing@".to_string()
                        error=Some("Enter a valid e-mail address, like name@example.com.".to_string())/>
                    <SelectField name="example_plan" label="Plan" options=vec![("starter", "Starter"), ("growth", "Growth"), ("scale", "Scale")]
                        value="growth".to_string() hint="Changes apply at the next renewal."/>
                    <CheckboxField name="example_notify" label="E-mail me when health drops" checked=true hint="At most one message a day."/>
                </div>
            </Card>
            <section class="card !p-0 overflow-hidden" aria-labelledby="table-title">
                <div class="px-5 pt-5">
                    <h2 id="table-title" class="text-base font-semibold text-fg">"Table with sorting and pagination"</h2>
                    <p class="mt-1 text-sm text-muted">"Sample accounts. Sort and page state live in the URL."</p>
                </div>
                <div class="mt-4 overflow-x-auto">
                    <table class="table">
                        <thead>
                            <tr>
                                <SortHeader column="name" label="Account" sort/>
                                <SortHeader column="health" label="Health" sort numeric=true/>
                                <th scope="col" class="th">"Status"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || rows().into_iter().map(|(name, health, status)| view! {
                                <tr>
                                    <td class="td font-medium text-fg">{name}</td>
                                    <td class="td text-right tabular-nums">{health}</td>
                                    <td class="td"><Badge tone=status_tone(status)>{status}</Badge></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <Pagination window/>
            </section>
            <div class="space-y-4">
                <Tabs label="Account sections" tabs/>
                <p class="text-sm text-muted">{move || format!("Showing the “{}” tab.", tab.get())}</p>
            </div>
            <ChartFrame title="Health trend (sample)" summary="A sample line chart of a health score rising from 52 to 81 over twelve weeks." svg=chart_svg/>
            <EmptyState title="No playbooks yet" description="Playbooks turn a drop in health into tasks for the right people."/>
        </div>
        <ConfirmDialog
            id="archive"
            title="Archive Northwind Traders?"
            description="Archived accounts leave dashboards and reports. You can restore them for 30 days."
            open=dialog_open
            close_href=DESIGN_PATH
        >
            <a href=DESIGN_PATH class="btn btn-danger">"Archive account"</a>
        </ConfirmDialog>
    }
}

/// Renders the sample health chart on the server (plotters → SVG).
#[server(prefix = "/api", endpoint = "design/sample-chart")]
pub async fn sample_chart() -> Result<String, AppError> {
    crate::server::tenancy::actor()?.require_platform_staff()?;
    let weeks = [
        52.0, 55.0, 54.0, 58.0, 61.0, 60.0, 66.0, 70.0, 69.0, 74.0, 78.0, 81.0,
    ];
    crate::server::charts::line_chart("Health score", &weeks, (0.0, 100.0))
}
