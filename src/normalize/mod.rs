//! Normalization: raw cell texts and document facts into the values the contract names
//! (status enum, years, responsible units, municipality, country, language).

pub mod language;
pub mod municipality;
pub mod period;
pub mod responsible;
pub mod status;
pub mod themes;

#[cfg(test)]
mod municipality_register_tests;
