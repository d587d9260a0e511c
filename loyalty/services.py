"""The loyalty engine's public surface for other domains and the composition root.

    rules        create_rule, update_rule (versioned), RuleTerms
    awards       sign_in, share, award_for_member (welcome, birthday, events), take_back
    programme    find_programme, update_programme, ProgrammeChanges, set_tier_levels, LevelTerms
    reads        ways_to_earn, tier_progress, member_tier, members_of (campaign targets by state, segment,
                 tier), export_members_csv
    jobs         run_loyalty_jobs (spend awards and take-backs, tier review, states and segments)
    welcome      welcome_handlers (the worker's `member.joined`: welcome points once), welcome_member

Every writer runs inside the caller's transaction and raises DomainError (loyalty.errors codes) for a refusal.
Points move only through ledger.services.
"""

from __future__ import annotations

from loyalty.activity import award_for_member, share, sign_in
from loyalty.awards import take_back
from loyalty.jobs import run_loyalty_jobs
from loyalty.programmes import ProgrammeChanges, find_programme, update_programme
from loyalty.reads import MemberFilter, export_members_csv, member_tier, members_of, tier_progress, ways_to_earn
from loyalty.rules import RuleTerms, create_rule, update_rule
from loyalty.tiers import LevelTerms, set_tier_levels
from loyalty.welcome import welcome_handlers, welcome_member

__all__ = [
    "LevelTerms",
    "MemberFilter",
    "ProgrammeChanges",
    "RuleTerms",
    "award_for_member",
    "create_rule",
    "export_members_csv",
    "find_programme",
    "member_tier",
    "members_of",
    "run_loyalty_jobs",
    "set_tier_levels",
    "share",
    "sign_in",
    "take_back",
    "tier_progress",
    "update_programme",
    "update_rule",
    "ways_to_earn",
    "welcome_handlers",
    "welcome_member",
]
