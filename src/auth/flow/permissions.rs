//! Session token v2 organization permissions, expanded as `@clerk/shared`'s jwtPayloadParser:
//! `fea` lists scoped features (`o:`, `u:`, `ou:`/`uo:`), `o.per` the permission names and
//! `o.fpm` per feature a decimal bitmask (bit i = permission i) -> `org:<feature>:<permission>`.

use super::authorization::split_by_scope;

/// Decimal string -> its bits, least significant first, padded to `min_len` (None: not digits).
fn decimal_to_bits(decimal: &str, min_len: usize) -> Option<Vec<u8>> {
    if decimal.is_empty() || !decimal.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut digits: Vec<u8> = decimal.bytes().map(|b| b - b'0').collect();
    let mut bits = Vec::new();
    while digits.iter().any(|d| *d != 0) {
        let mut rem = 0u8;
        for d in digits.iter_mut() {
            let v = rem * 10 + *d;
            *d = v / 2;
            rem = v % 2;
        }
        bits.push(rem);
    }
    if bits.is_empty() {
        bits.push(0);
    }
    while bits.len() < min_len {
        bits.push(0);
    }
    Some(bits)
}

pub fn org_permissions(fea: Option<&str>, per: Option<&str>, fpm: Option<&str>) -> Vec<String> {
    let (Some(per), Some(fpm)) = (per.filter(|s| !s.is_empty()), fpm.filter(|s| !s.is_empty()))
    else {
        return Vec::new();
    };
    // An element without a scope makes the incumbent throw; `SessionAuth::from_claims` refuses
    // such claims before asking.
    let features = split_by_scope(fea.unwrap_or("")).map_or_else(|_| Vec::new(), |(org, _)| org);
    let permissions: Vec<&str> = per.split(',').map(str::trim).collect();
    let maps: Vec<Vec<u8>> = fpm
        .split(',')
        .map(|m| decimal_to_bits(m.trim(), permissions.len()).unwrap_or_default())
        .collect();
    let mut out = Vec::new();
    for (feature, bits) in features.iter().zip(maps.iter()) {
        for (bit, perm) in bits.iter().zip(permissions.iter()) {
            if *bit == 1 {
                out.push(format!("org:{feature}:{perm}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_like_the_incumbent() {
        // Features o:dashboard, o:impersonation; perms manage, read; masks 3 (both) and 2 (read).
        let p = org_permissions(
            Some("o:dashboard,u:billing,o:impersonation"),
            Some("manage,read"),
            Some("3,2"),
        );
        assert_eq!(
            p,
            [
                "org:dashboard:manage",
                "org:dashboard:read",
                "org:impersonation:read"
            ]
        );
        assert!(org_permissions(Some("o:a"), None, Some("1")).is_empty());
        assert_eq!(decimal_to_bits("6", 4).unwrap(), [0, 1, 1, 0]);
        assert_eq!(decimal_to_bits("0", 0).unwrap(), [0]);
        assert!(decimal_to_bits("x", 1).is_none());
    }
}
