"""Applicant-proposing deferred acceptance with capacities, on plain dictionaries."""

from __future__ import annotations

import heapq
from collections import deque


def deferred_acceptance(prefs: dict[str, list[str]], capacity: dict[str, int],
                        priority: dict[str, list[str]]) -> dict[str, str | None]:
    """Applicant-proposing deferred acceptance with capacities (Gale and Shapley).

    `prefs`: applicant → placements, best first; `capacity`: placement → seats;
    `priority`: placement → the applicants it accepts, best first. Only mutually acceptable
    pairs are matched (an applicant missing from a placement's priority is turned away).
    Returns every applicant of `prefs` with a placement or None. The result does not depend
    on the order in which applicants propose.
    """
    position = {p: {a: i for i, a in enumerate(order)} for p, order in priority.items()}
    held: dict[str, list[int]] = {p: [] for p in priority}  # max-heap of positions (negated)
    holder: dict[str, dict[int, str]] = {p: {} for p in priority}
    next_choice = dict.fromkeys(prefs, 0)
    match: dict[str, str | None] = dict.fromkeys(prefs)
    free = deque(prefs)
    while free:
        applicant = free.popleft()
        choices = prefs[applicant]
        while next_choice[applicant] < len(choices):
            placement = choices[next_choice[applicant]]
            next_choice[applicant] += 1
            rank = position.get(placement, {}).get(applicant)
            seats = capacity.get(placement, 0)
            if rank is None or seats <= 0:
                continue
            heap = held[placement]
            if len(heap) < seats:
                heapq.heappush(heap, -rank)
                holder[placement][rank] = applicant
                match[applicant] = placement
                break
            worst = -heap[0]
            if worst > rank:
                heapq.heapreplace(heap, -rank)
                bumped = holder[placement].pop(worst)
                holder[placement][rank] = applicant
                match[applicant] = placement
                match[bumped] = None
                free.append(bumped)
                break
    return match
