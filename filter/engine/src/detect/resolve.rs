//! Settling overlaps between candidates so that every byte is claimed at most once.
//!
//! Candidates are grouped into clusters of transitively overlapping ranges; a cluster of one
//! (the usual case) is kept as is. Inside a larger cluster the candidates are taken greedily
//! by rank ([`Source::rank`]), then length, then position, skipping any that overlaps one
//! already taken. Clusters are small (a few candidates around one value), except under a
//! private key block, which outranks and swallows everything inside it at once.

use std::cmp::{Ordering, Reverse};

use super::candidate::{Candidate, Source};

/// The chosen candidates, sorted by start and not overlapping.
pub(super) fn resolve(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.retain(|c| c.start < c.end);
    // Each pass reports in order, so this is a merge of a few sorted runs, which the
    // stable sort detects and does in linear time.
    sort_stable(&mut candidates, |a, b| {
        (a.start, Reverse(a.end)).cmp(&(b.start, Reverse(b.end)))
    });
    let mut out = Vec::with_capacity(candidates.len());
    let mut cluster_start = 0;
    let mut cluster_end = 0;
    for i in 0..candidates.len() {
        let Some(&c) = candidates.get(i) else {
            break;
        };
        if i > cluster_start && c.start >= cluster_end {
            settle(
                candidates.get_mut(cluster_start..i).unwrap_or(&mut []),
                &mut out,
            );
            cluster_start = i;
        }
        if i == cluster_start {
            cluster_end = c.end;
        } else {
            cluster_end = cluster_end.max(c.end);
        }
    }
    settle(
        candidates.get_mut(cluster_start..).unwrap_or(&mut []),
        &mut out,
    );
    out
}

fn settle(cluster: &mut [Candidate], out: &mut Vec<Candidate>) {
    if let [only] = cluster {
        out.push(*only);
        return;
    }
    sort_stable(cluster, |a, b| {
        let key = |c: &Candidate| {
            (
                Reverse(c.source.rank()),
                Reverse(c.len()),
                c.start,
                // On a tie a user's own pattern wins: it was written for this data.
                matches!(c.source, Source::Builtin(_)),
            )
        };
        key(a).cmp(&key(b))
    });
    let first = out.len();
    for c in cluster.iter() {
        let clashes = out
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .any(|t| t.start < c.end && c.start < t.end);
        if !clashes {
            out.push(*c);
        }
    }
    if let Some(taken) = out.get_mut(first..) {
        // Taken candidates never overlap, so their starts differ and stability is moot.
        sort_stable(taken, |a, b| a.start.cmp(&b.start));
    }
}

/// Every sort here is stable (equal candidates keep the order the passes reported them in)
/// and goes through one comparator type: each sort instantiation is a few kilobytes of module.
fn sort_stable(candidates: &mut [Candidate], cmp: fn(&Candidate, &Candidate) -> Ordering) {
    candidates.sort_by(cmp);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Entity;

    fn c(start: usize, end: usize, e: Entity) -> Candidate {
        Candidate::builtin(start, end, e)
    }

    #[test]
    fn disjoint_candidates_are_all_kept_in_order() {
        let got = resolve(vec![
            c(10, 12, Entity::Phone),
            c(0, 5, Entity::Email),
            c(5, 8, Entity::Iban),
        ]);
        assert_eq!(
            got,
            vec![
                c(0, 5, Entity::Email),
                c(5, 8, Entity::Iban),
                c(10, 12, Entity::Phone)
            ]
        );
    }

    #[test]
    fn longer_wins_within_a_rank() {
        let got = resolve(vec![
            c(7, 16, Entity::IpAddress),
            c(0, 16, Entity::IpAddress),
        ]);
        assert_eq!(got, vec![c(0, 16, Entity::IpAddress)]);
    }

    #[test]
    fn credentials_beat_longer_personal_data() {
        // `user:pass@host.com`: the userinfo, not the email `pass@host.com`.
        let got = resolve(vec![c(0, 9, Entity::UrlUserinfo), c(5, 18, Entity::Email)]);
        assert_eq!(got, vec![c(0, 9, Entity::UrlUserinfo)]);
    }

    #[test]
    fn a_jwt_beats_the_bearer_credential_it_is() {
        let got = resolve(vec![
            c(7, 40, Entity::AuthCredential),
            c(7, 40, Entity::Jwt),
        ]);
        assert_eq!(got, vec![c(7, 40, Entity::Jwt)]);
    }

    #[test]
    fn chains_keep_the_non_overlapping_rest() {
        // A long middle candidate clashes with both neighbours, which do not clash.
        let got = resolve(vec![
            c(0, 4, Entity::Phone),
            c(3, 9, Entity::Phone),
            c(8, 12, Entity::Phone),
        ]);
        assert_eq!(got, vec![c(3, 9, Entity::Phone)]);
        let got = resolve(vec![
            c(0, 5, Entity::Phone),
            c(4, 8, Entity::Phone),
            c(7, 12, Entity::Phone),
        ]);
        assert_eq!(got, vec![c(0, 5, Entity::Phone), c(7, 12, Entity::Phone)]);
    }

    #[test]
    fn custom_patterns_win_ties() {
        let custom = Candidate {
            start: 0,
            end: 10,
            source: Source::Custom(0),
        };
        let got = resolve(vec![c(0, 10, Entity::Phone), custom]);
        assert_eq!(got, vec![custom]);
    }
}
