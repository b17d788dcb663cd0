//! Spotify's timestamps (`played_at`, `added_at`): RFC 3339 text such as
//! `2026-11-22T03:00:00.123Z`, read into Unix milliseconds for comparisons.

/// Unix ms of an RFC 3339 date-time (`YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)`); `None` when the
/// text is not one, or before 1970.
pub fn unix_ms_from_rfc3339(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if bytes.len() < 20
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !matches!(bytes[10], b'T' | b't' | b' ')
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    // Leap seconds (60) read as the last second of the minute.
    let second = second.min(59);
    let mut rest = &text[19..];
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let padded = format!("{:0<3}", &fraction[..digits.min(3)]);
        millis = padded.parse::<i64>().ok()?;
        rest = &fraction[digits..];
    }
    let offset_minutes = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (hours, minutes) = rest.get(1..)?.split_once(':')?;
            if hours.len() != 2 || minutes.len() != 2 {
                return None;
            }
            sign * (hours.parse::<i64>().ok()? * 60 + minutes.parse::<i64>().ok()?)
        }
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    u64::try_from(seconds * 1_000 + millis).ok()
}

/// Howard Hinnant's civil-to-days algorithm (days since 1970-01-01, proleptic Gregorian).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spotify_played_at_reads_as_unix_ms() {
        assert_eq!(unix_ms_from_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            unix_ms_from_rfc3339("2026-11-22T03:00:00.123Z"),
            Some(1_795_316_400_123)
        );
        assert_eq!(
            unix_ms_from_rfc3339("2000-02-29T12:34:56.7Z"),
            Some(951_827_696_700)
        );
        // Microseconds (some Spotify answers carry six digits) are cut to ms.
        assert_eq!(
            unix_ms_from_rfc3339("2024-03-01T00:00:00.123456Z"),
            Some(1_709_251_200_123)
        );
    }

    #[test]
    fn offsets_are_applied() {
        assert_eq!(
            unix_ms_from_rfc3339("2024-03-01T01:30:00+01:30"),
            Some(1_709_251_200_000)
        );
        assert_eq!(
            unix_ms_from_rfc3339("2024-02-29T22:00:00-02:00"),
            Some(1_709_251_200_000)
        );
    }

    #[test]
    fn anything_else_is_refused() {
        for text in [
            "",
            "yesterday",
            "2024-13-01T00:00:00Z",
            "2024-03-01T00:00:00",
            "2024-03-01T00:00:00.Z",
            "2024-03-01T24:00:00Z",
            "1969-12-31T23:59:59Z",
            "2024-03-01T00:00:00+0100",
        ] {
            assert_eq!(unix_ms_from_rfc3339(text), None, "{text}");
        }
    }
}
