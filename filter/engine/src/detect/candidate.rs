//! What the scanners report before overlaps are settled, and the set of detectors in force.

use crate::entity::Entity;

/// Who found a candidate: a built-in detector or the custom pattern with this index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    Builtin(Entity),
    Custom(usize),
}

impl Source {
    /// How strongly a candidate claims its bytes when it overlaps another. A private key
    /// block swallows everything inside it; a credential beats the personal data it may
    /// look like (the `pass@host.com` inside `user:pass@host.com` is not an email); within a
    /// rank the longer match wins.
    pub(super) fn rank(self) -> u8 {
        match self {
            Source::Builtin(Entity::PrivateKey) => 4,
            Source::Builtin(
                Entity::Jwt
                | Entity::AwsAccessKey
                | Entity::GithubToken
                | Entity::StripeKey
                | Entity::SlackToken
                | Entity::GoogleApiKey
                | Entity::UrlUserinfo,
            ) => 3,
            Source::Builtin(Entity::AuthCredential) => 2,
            Source::Builtin(_) | Source::Custom(_) => 1,
        }
    }
}

/// A byte range of the scanned text claimed by one detector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub source: Source,
}

impl Candidate {
    pub(super) fn builtin(start: usize, end: usize, entity: Entity) -> Self {
        Self {
            start,
            end,
            source: Source::Builtin(entity),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
}

/// A set of entities as a bit mask: checked once per candidate position, so it must be cheap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EntitySet(u32);

impl EntitySet {
    pub const EMPTY: Self = Self(0);

    fn bit(entity: Entity) -> u32 {
        1u32 << (entity as u32)
    }

    pub fn of(entities: &[Entity]) -> Self {
        entities.iter().fold(Self::EMPTY, |s, &e| s.with(e))
    }

    #[must_use]
    pub fn with(self, entity: Entity) -> Self {
        Self(self.0 | Self::bit(entity))
    }

    pub fn contains(self, entity: Entity) -> bool {
        self.0 & Self::bit(entity) != 0
    }

    #[must_use]
    pub fn intersect(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entity_has_its_own_bit() {
        let all = EntitySet::of(&Entity::ALL);
        for e in Entity::ALL {
            assert!(all.contains(e));
            assert!(EntitySet::EMPTY.with(e).contains(e));
            let others = Entity::ALL.iter().filter(|&&o| o != e).count();
            assert_eq!(
                Entity::ALL
                    .iter()
                    .filter(|&&o| EntitySet::EMPTY.with(e).contains(o))
                    .count(),
                Entity::ALL.len() - others
            );
        }
        assert!(EntitySet::of(&[Entity::Email])
            .intersect(EntitySet::of(&[Entity::Phone]))
            .is_empty());
    }
}
