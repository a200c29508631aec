//! Made-up company names for the demo: every prefix and suffix pair once, then again with a
//! qualifier.
use crate::server::demo::Rng;

#[rustfmt::skip]
pub const NAME_PREFIXES: &[&str] = &[
    "Alder", "Amber", "Aspen", "Atlas", "Beacon", "Birch", "Bright", "Canyon", "Cedar",
    "Cobalt", "Copper", "Crescent", "Delta", "Driftwood", "Ember", "Evergreen", "Falcon",
    "Fjord", "Foxglove", "Garnet", "Glacier", "Granite", "Harbor", "Heron", "Hollow", "Indigo",
    "Ironwood", "Jasper", "Juniper", "Kestrel", "Keystone", "Lark", "Lighthouse", "Lumen",
    "Maple", "Marble", "Meridian", "Nimbus", "Northgate", "Oakridge", "Onyx", "Orchid",
    "Pinecrest", "Pioneer", "Quarry", "Quill", "Redwood", "Riverbend", "Rowan", "Sable",
    "Saffron", "Silverline", "Sparrow", "Thistle", "Tidewater", "Trellis", "Vantage", "Willow",
    "Yarrow", "Zephyr",
];

#[rustfmt::skip]
pub const NAME_SUFFIXES: &[&str] = &[
    "Analytics", "Architects", "Bakery", "Biotech", "Brewing", "Capital", "Clinics",
    "Construction", "Consulting", "Dental", "Design", "Education", "Energy", "Engineering",
    "Fitness", "Foods", "Freight", "Games", "Health", "Hospitality", "Insurance", "Labs",
    "Legal", "Logistics", "Manufacturing", "Marine", "Media", "Outfitters", "Payments",
    "Pharmacy", "Realty", "Robotics", "Security", "Software", "Solar", "Studios", "Supply",
    "Systems", "Textiles", "Travel", "Ventures", "Veterinary", "Works",
];

/// Added to names once every prefix/suffix pair has been used (large `--orgs`).
const NAME_QUALIFIERS: &[&str] = &[
    "Group",
    "International",
    "North",
    "South",
    "East",
    "West",
    "Holdings",
    "Co-op",
];

/// `count` company names: every prefix/suffix pair once, in shuffled order, then the pairs
/// again with a qualifier ("Harbor Logistics West"), and so on.
pub fn organization_names(count: usize, rng: &mut Rng) -> Vec<String> {
    let pairs = NAME_PREFIXES.len() * NAME_SUFFIXES.len();
    let mut order: Vec<usize> = (0..pairs).collect();
    rng.shuffle(&mut order);
    (0..count)
        .map(|i| {
            let pair = order[i % pairs];
            let base = format!(
                "{} {}",
                NAME_PREFIXES[pair / NAME_SUFFIXES.len()],
                NAME_SUFFIXES[pair % NAME_SUFFIXES.len()]
            );
            match i / pairs {
                0 => base,
                round => format!(
                    "{base} {}",
                    NAME_QUALIFIERS[(round - 1) % NAME_QUALIFIERS.len()]
                ),
            }
        })
        .collect()
}
