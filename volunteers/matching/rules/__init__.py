"""The matching proposal as pure rules: who may be placed where, in which order each
placement takes its applicants, applicant-proposing deferred acceptance, and why each
applicant got what they got.

No database and no models here: volunteers.matching.selectors builds a `MatchingInput`
from the database, and everything below works on it alone, so the algorithm can be tested
with random instances and benchmarked on its own. The modules, bottom up: `codes`,
`inputs`, `eligibility` (exclusions and priorities), `algorithm`, `proposal`,
`explanations`, `serialisation` (JSON); every public name is importable from here.

The procedure (version `ALGORITHM_VERSION`):

1. Exclusions (`exclusions`): a pair of applicant and ranked placement is excluded, with a
   reason code, when a hard rule fails (age at the start date, part-time, start date,
   a requirement not confirmed, placement no longer offered) or the host judged the
   applicant "not suitable".
2. Priorities (`priorities`): each placement orders the applicants acceptable to it: those
   the host ranked first, by the host's rank; then the others. Ties (equal host ranks and
   everyone the host did not rank) are broken by a lottery drawn from the run's seed: each
   applicant's lot at a placement is SHA-256 of "<seed>:<placement id>:<applicant id>",
   so the same seed always gives the same order, and an applicant leaving does not
   reshuffle the others.
3. Deferred acceptance (`deferred_acceptance`): applicants propose down their lists, each
   placement holds its best applicants up to its free seats and turns the rest away. The
   result is stable, the best stable outcome for every applicant, and nobody gains by
   misreporting their ranking.
4. Explanations (`propose`, `explanation`): per applicant and preference what happened,
   in whole sentences.
"""

from .algorithm import deferred_acceptance
from .codes import (
    ALGORITHM_VERSION,
    BY_BOTH,
    BY_HOST_RANKING,
    BY_LOTTERY,
    DRIVING_LICENCE,
    EXCLUDED,
    EXTENDED_CERTIFICATE,
    FULL,
    NO_SEATS,
    NOT_REACHED,
    NOT_SUITABLE,
    PART_TIME_IMPOSSIBLE,
    PLACEMENT_UNAVAILABLE,
    PROPOSED,
    REQUIREMENT_MISSING,
    SNAPSHOT_VERSION,
    START_DATE_NOT_OFFERED,
    TOO_OLD,
    TOO_YOUNG,
)
from .eligibility import (
    acceptable_preferences,
    exclusions,
    lot,
    pair_exclusion,
    priorities,
    start_date_at,
)
from .explanations import (
    explanation,
    ordinal,
    preference_sentence,
)
from .inputs import (
    ApplicantIn,
    MatchingInput,
    PlacementIn,
    with_extra_seats,
)
from .proposal import (
    LandkreisSeats,
    PlacementResult,
    PreferenceOutcome,
    Proposal,
    Summary,
    propose,
)
from .serialisation import (
    input_from_snapshot,
    proposal_json,
    result_json,
    snapshot,
)

__all__ = [
    "ALGORITHM_VERSION",
    "ApplicantIn",
    "BY_BOTH",
    "BY_HOST_RANKING",
    "BY_LOTTERY",
    "DRIVING_LICENCE",
    "EXCLUDED",
    "EXTENDED_CERTIFICATE",
    "FULL",
    "LandkreisSeats",
    "MatchingInput",
    "NOT_REACHED",
    "NOT_SUITABLE",
    "NO_SEATS",
    "PART_TIME_IMPOSSIBLE",
    "PLACEMENT_UNAVAILABLE",
    "PROPOSED",
    "PlacementIn",
    "PlacementResult",
    "PreferenceOutcome",
    "Proposal",
    "REQUIREMENT_MISSING",
    "SNAPSHOT_VERSION",
    "START_DATE_NOT_OFFERED",
    "Summary",
    "TOO_OLD",
    "TOO_YOUNG",
    "acceptable_preferences",
    "deferred_acceptance",
    "exclusions",
    "explanation",
    "input_from_snapshot",
    "lot",
    "ordinal",
    "pair_exclusion",
    "preference_sentence",
    "priorities",
    "proposal_json",
    "propose",
    "result_json",
    "snapshot",
    "start_date_at",
    "with_extra_seats",
]
