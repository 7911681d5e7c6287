//! The decoder of what AWS answered: XML, JSON, headers + body, or the message alone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigv4_lab::generated::catalogue::CATALOGUE;
use sigv4_lab::input::aws_error::decode;
use sigv4_lab_fuzz::{check_parse_error, text};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    match decode(&text) {
        Ok(e) => {
            assert!(
                matches!(e.format.as_str(), "xml" | "json" | "text"),
                "unknown format {:?}",
                e.format
            );
            if let Some(id) = e.catalogue_id {
                assert!(
                    CATALOGUE.iter().any(|c| c.id == id),
                    "catalogue id {id:?} is not in the catalogue"
                );
            }
            assert!(!text.trim().is_empty(), "decoded an empty answer: {e:?}");
        }
        Err(e) => check_parse_error(&text, &e, "AWS error"),
    }
});
