//! Server-rendered charts: plotters draws into an SVG string. Labels pass through plotters'
//! SVG text escaping; callers give numbers and fixed captions.
use crate::error::AppError;
use plotters::prelude::*;

const WIDTH: u32 = 720;
const HEIGHT: u32 = 260;

/// A line chart of `values` (one point per period) with the y axis spanning `y_range`.
pub fn line_chart(y_label: &str, values: &[f64], y_range: (f64, f64)) -> Result<String, AppError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let draw = || -> Result<(), Box<dyn std::error::Error + '_>> {
            let line = RGBColor(79, 70, 229);
            let grid = RGBColor(203, 213, 225);
            let text = RGBColor(71, 85, 105);
            let mut chart = ChartBuilder::on(&root)
                .margin(12)
                .x_label_area_size(28)
                .y_label_area_size(40)
                .build_cartesian_2d(1f64..values.len().max(2) as f64, y_range.0..y_range.1)?;
            chart
                .configure_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(grid.mix(0.8))
                .y_labels(6)
                .y_label_formatter(&|y| format!("{y:.0}"))
                .axis_style(grid)
                .label_style(("sans-serif", 13).into_font().color(&text))
                .y_desc(y_label)
                .x_labels(values.len().min(12))
                .x_label_formatter(&|x| format!("W{x:.0}"))
                .draw()?;
            chart.draw_series(LineSeries::new(
                values.iter().enumerate().map(|(i, v)| (i as f64 + 1.0, *v)),
                line.stroke_width(3),
            ))?;
            chart.draw_series(
                values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Circle::new((i as f64 + 1.0, *v), 4, line.filled())),
            )?;
            root.present()?;
            Ok(())
        };
        draw().map_err(|error| {
            tracing::error!(%error, "chart rendering failed");
            AppError::Internal
        })?;
    }
    // Scale with its container instead of a fixed pixel size.
    Ok(svg.replacen(
        &format!(r#"width="{WIDTH}" height="{HEIGHT}""#),
        &format!(r#"viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img""#),
        1,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_an_svg_that_scales() {
        let svg = line_chart("Health", &[10.0, 50.0, 90.0], (0.0, 100.0)).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40.min(svg.len())]);
        assert!(svg.contains(r#"viewBox="0 0 720 260""#));
        assert!(svg.contains("W3"));
    }
}
