//! What every feature's demo-data seeder shares: the one demo password, a small generator
//! seeded from the command line (the same seed always gives the same data), and people's names.
//! `steward seed-demo` composes the seeders in `<feature>/server/seed.rs`.

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "steward-demo-password";

/// splitmix64: tiny, fast, and good enough for demo data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0). The modulo bias is irrelevant at these sizes.
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Aaliyah", "Adrian", "Amara", "Andre", "Beatriz", "Caleb", "Camille", "Chen", "Daniela",
    "Darius", "Elena", "Emeka", "Fatima", "Felix", "Gabriel", "Grace", "Hiro", "Ingrid",
    "Isaac", "Jade", "Javier", "Kai", "Keisha", "Lars", "Leila", "Lucas", "Mei", "Mateo",
    "Nina", "Noah", "Olivia", "Omar", "Paloma", "Quinn", "Rafael", "Rosa", "Sana", "Soren",
    "Tariq", "Tessa", "Uma", "Victor", "Wren", "Xavier", "Yara", "Yusuf", "Zoe", "Zainab",
];

#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Abbott", "Adeyemi", "Alvarez", "Andersen", "Bauer", "Brennan", "Castillo", "Chowdhury",
    "Dubois", "Eriksson", "Fischer", "Fontaine", "Garcia", "Haddad", "Hughes", "Ibrahim",
    "Jensen", "Kowalski", "Laurent", "Lindqvist", "Mahmoud", "Marsh", "Moreau", "Nakamura",
    "Novak", "Nguyen", "O'Brien", "Okonkwo", "Patel", "Petrov", "Quintero", "Rossi", "Santos",
    "Schmidt", "Singh", "Sullivan", "Tanaka", "Torres", "Ueda", "Varga", "Wallace", "Weber",
    "Xu", "Yilmaz", "Zhang", "Zimmerman",
];

/// A made-up person's name.
pub fn person_name(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST_NAMES);
    let last = rng.pick(LAST_NAMES);
    format!("{first} {last}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_draws() {
        let draws = |seed| {
            let mut rng = Rng::new(seed);
            (0..20).map(|_| person_name(&mut rng)).collect::<Vec<_>>()
        };
        assert_eq!(draws(7), draws(7));
        assert_ne!(draws(7), draws(8));
        let mut items = [1, 2, 3, 4, 5];
        Rng::new(1).shuffle(&mut items);
        items.sort_unstable();
        assert_eq!(items, [1, 2, 3, 4, 5]);
    }
}
