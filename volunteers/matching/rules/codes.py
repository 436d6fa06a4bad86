"""The matching's version numbers and codes: requirements, exclusion reasons, outcomes, and
why a full placement turned an applicant away. Stored in runs' results: never rename one."""

ALGORITHM_VERSION = "deferred-acceptance-1"
SNAPSHOT_VERSION = 1

# Requirements a placement may have and an applicant may confirm.
EXTENDED_CERTIFICATE = "extended_certificate"
DRIVING_LICENCE = "driving_licence"

# Exclusion reason codes (a pair of applicant and ranked placement that may not be matched).
NOT_SUITABLE = "not_suitable"
TOO_YOUNG = "too_young"
TOO_OLD = "too_old"
PART_TIME_IMPOSSIBLE = "part_time_impossible"
START_DATE_NOT_OFFERED = "start_date_not_offered"
REQUIREMENT_MISSING = "requirement_missing"  # written "requirement_missing:<requirement>"
PLACEMENT_UNAVAILABLE = "placement_unavailable"  # ranked, but not in this run's placements

# Outcome codes: what became of one preference.
PROPOSED = "proposed"
EXCLUDED = "excluded"  # with an exclusion reason code
FULL = "full"  # its seats went to applicants it ranks higher (reason: who they were)
NOT_REACHED = "not_reached"  # a choice ranked higher is proposed
NO_SEATS = "no_seats"  # the placement had no free seat at the time of the run

# Why a placement that turned an applicant away was full.
BY_HOST_RANKING = "host_ranked"  # every seat went to an applicant the host ranked higher
BY_LOTTERY = "lottery"  # the host ranked none of them: the lottery decided
BY_BOTH = "mixed"
