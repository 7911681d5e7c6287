//! The IAM console's `accessKeys.csv` download: a header line, then the keys.

use super::error;
use crate::input::{Credentials, ParseError, Secret};
use crate::text::lines;

/// Reads the first line of keys under the header.
pub(super) fn parse_csv(text: &str) -> Result<Credentials, ParseError> {
    let rows: Vec<_> = lines(text)
        .into_iter()
        .filter(|l| !l.content.trim().is_empty())
        .collect();
    let Some(header) = rows.first() else {
        return Err(error(text, 0..text.len(), "the credentials are empty"));
    };
    let columns: Vec<String> = header
        .content
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    let col = |name: &str| columns.iter().position(|c| c == name);
    let (Some(k), Some(s)) = (col("access key id"), col("secret access key")) else {
        return Err(error(
            text,
            header.span(),
            "the CSV header has no \"Access key ID\" and \"Secret access key\" columns",
        ));
    };
    let Some(row) = rows.get(1) else {
        return Err(error(
            text,
            header.span(),
            "the CSV has a header line but no line with the keys under it",
        ));
    };
    let cells: Vec<&str> = row.content.split(',').collect();
    let (Some(key), Some(secret)) = (cells.get(k), cells.get(s)) else {
        return Err(error(
            text,
            row.span(),
            "the CSV line has fewer cells than its header",
        ));
    };
    for (cell, what) in [(key, "access key ID"), (secret, "secret access key")] {
        if cell.trim().is_empty() {
            return Err(error(
                text,
                row.span(),
                format!("the CSV line has no {what} in its column"),
            ));
        }
    }
    Ok(Credentials {
        access_key_id: key.to_string(),
        secret_access_key: Secret::new(*secret),
        ..Credentials::default()
    })
}
