"""The access matrix: who may open which URL of the site, as real requests.

Every URL pattern of the site (Django's resolver walked through every include, namespace
and language prefix) must be named in MATRIX below, either by its own name or, for
Wagtail's built-in admin only, by a namespace group ("wagtailimages:*"). A new view
therefore fails `test_every_url_pattern_is_in_the_matrix` until someone decides who may
see it. Our own views and admin viewsets are listed one by one.

Columns: the URL name, the case (which object the URL points at, see below), how it is
requested, and the expected outcome per role (symbols in tests/security/matrix.py):

    anon   nobody logged in               host   host-organisation contact (Apolda)
    learn  learner                        coord  coordinator limited to two units and
    super  supervisor (of the learner)           one programme year
    appl   applicant (Freiwillige)        edit   editorial team (Redaktion)
                                          su     superuser

Cases: "own" is the object of the role's own sphere: the learner's enrolment and
certificate (for the supervisor: their report's), the applicant's application and
document (which rank a placement of the host's own organisation whose interview stage is
open, and which lie inside the coordinator's scope), the coordinator's in-scope learner.
"other" belongs to nobody in the matrix: another learner in another district, another
applicant at another host in an earlier programme year, outside the coordinator's scope.
Further cases say what they are (anon: the host's own placement, interview not opened;
elsewhere: offered at another host, the host ranked 2nd; admin: a superuser's account;
coord: the coordinator's own account; csv: the list's CSV export; …); "-" means no object
or the only one.

Rules the table encodes (least privilege):
- The admin is for coordinators, editors and superusers; everyone else is refused.
- Applications, applicant documents, enrolments and certificates are reachable in the
  admin only for coordinators (within their scope) and superusers; editors never.
- A coordinator's scope limits the people's data: lists, exports and detail screens of
  applications, enrolments, certificates and user accounts. Master data (programme years,
  start dates, host organisations, placements, email templates, certificate templates,
  organisation units) every coordinator reads; but organisation units, host organisations
  and placements outside the scope a scoped coordinator may not edit, or they could move
  them into their scope and so reach other people's data.
- The audit log (Reports > Site history) follows the same scope; editors see no entries
  about people there.
- Editors work on pages, images, documents (add, change, choose; no delete) and course
  topics, as accounts/roles.py grants them.
- Applications, certificates and batches change only through their services: the generic
  add/edit/delete/copy screens are closed even to superusers.
- Only superusers edit or delete superusers, groups, sites, collections, workflows.
- A host contact sees the applications ranking its own placements, anonymised until the
  interview stage for that very placement is opened, and never another host's.
- Public pages, the certificate verification (/nachweis/) and the H5P files are open;
  the H5P player answers everyone, always sandboxed, and starts only with an attempt token.
"""

import fnmatch

import pytest

from tests.security.matrix import (
    ROLES,
    SYMBOLS,
    build_request,
    identity_for,
    markers_for,
    matches,
    url_patterns,
)

pytestmark = pytest.mark.django_db

MATRIX = """
# name                                                                   case      how   anon  learn super appl  host  coord edit  su

# --- the site -------------------------------------------------------------------------------------------------------------------------
healthz                                                                  -         GET   OK    OK    OK    OK    OK    OK    OK    OK
favicon                                                                  -         GET   REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR
accounts:login                                                           -         GET   OK    REDIR REDIR REDIR REDIR REDIR REDIR REDIR
accounts:logout                                                          -         POST  REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR
accounts:password_reset                                                  -         GET   OK    OK    OK    OK    OK    OK    OK    OK
accounts:password_reset_done                                             -         GET   OK    OK    OK    OK    OK    OK    OK    OK
accounts:password_reset_confirm                                          -         GET   OK    OK    OK    OK    OK    OK    OK    OK
accounts:password_reset_complete                                         -         GET   OK    OK    OK    OK    OK    OK    OK    OK
accounts:registration                                                    -         GET   OK    REDIR REDIR REDIR REDIR REDIR REDIR REDIR
accounts:registration_confirm                                            -         GET   BAD   BAD   BAD   BAD   BAD   BAD   BAD   BAD
# single sign-on for staff: not there while it is not configured (the default; switched
# on, tests/accounts/oidc and tests/e2e/test_sso.py walk it through the test provider)
accounts:oidc_start                                                      -         GET   NF    NF    NF    NF    NF    NF    NF    NF
accounts:oidc_callback                                                   -         GET   NF    NF    NF    NF    NF    NF    NF    NF
# My data (/konto/meine-daten/): every logged-in person's own page; the download of an export
# that is not theirs (here one that does not exist) is not found; a superuser's account is
# not deleted from here; the page after a deletion sends people without one home
accounts:data_rights                                                     -         GET   LOGIN OK    OK    OK    OK    OK    OK    OK
accounts:data_rights_export                                              -         POST  LOGIN REDIR REDIR REDIR REDIR REDIR REDIR REDIR
accounts:data_rights_download                                            -         GET   LOGIN NF    NF    NF    NF    NF    NF    NF
accounts:data_rights_delete                                              -         GET   LOGIN OK    OK    OK    OK    OK    OK    DENY
accounts:data_rights_deleted                                             -         GET   REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR
# deleting an account on request (admin): coordinators within their scope, never a superuser
# nor themselves; superusers anyone but a superuser (GET only: the form)
data_rights_admin:erase                                                  own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
data_rights_admin:erase                                                  other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
data_rights_admin:erase                                                  admin     GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
data_rights_admin:erase                                                  coord     GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
# second factor for the admin (switched off in the test settings; the pages still answer):
# people without admin access are sent home, admins without a device to the setup
accounts:two_factor_verify                                               -         GET   LOGIN REDIR REDIR REDIR REDIR REDIR REDIR REDIR
accounts:two_factor_setup                                                -         GET   LOGIN REDIR REDIR REDIR REDIR OK    OK    OK
accounts:two_factor_recovery                                             -         GET   LOGIN REDIR REDIR REDIR REDIR REDIR REDIR REDIR
# resetting another's second factor: coordinators within their scope (never a superuser's
# nor their own), superusers anyone but themselves
two_factor_admin:reset                                                   own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
two_factor_admin:reset                                                   other     GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
two_factor_admin:reset                                                   admin     GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
two_factor_admin:reset                                                   coord     GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
# staff roster import (admin): coordinators and superusers; an upload is seen only by the
# coordinator who made it (and superusers)
roster_admin:upload                                                      -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
roster_admin:detail                                                      own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
roster_admin:detail                                                      other     GET   LOGIN DENY  DENY  DENY  DENY  NF    DENY  OK
dashboard                                                                -         GET   LOGIN OK    OK    OK    OK    OK    OK    OK
# Mein Team: only people with the supervisor role (a superuser without it too is refused);
# a decision on a request that is not the person's changes nothing (a message)
team:index                                                               -         GET   LOGIN DENY  OK    DENY  DENY  DENY  DENY  DENY
team:decide                                                              -         POST  LOGIN REDIR REDIR REDIR REDIR REDIR REDIR REDIR
mail_preferences                                                         -         GET   LOGIN OK    OK    OK    OK    OK    OK    OK
# the trainer's sessions (/mein-bereich/termine/): people with the trainer role see their own
# sessions, coordinators and superusers every session; a session that is not the viewer's
# (here one that does not exist) is not found for everyone; the signature sheet likewise
trainer:sessions                                                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
trainer:session                                                          -         GET   LOGIN NF    NF    NF    NF    NF    NF    NF
trainer:session                                                          -         POST  LOGIN NF    NF    NF    NF    NF    NF    NF
trainer:signature_sheet                                                  -         GET   LOGIN NF    NF    NF    NF    NF    NF    NF
# the pädagogische Begleitung's seminar days (/mein-bereich/seminartage/): the person
# responsible for a seminar (nobody in the matrix) and coordinators (their programme years
# only: own the coordinator's year, other the demo's earlier one) and superusers; everyone
# else is not found. A day not yet begun records nothing (own: the form again); an empty
# sheet of a day past changes nothing (other: back to the sheet)
seminar_days:seminars                                                    -         GET   LOGIN NF    NF    NF    NF    OK    NF    OK
seminar_days:day                                                         own       GET   LOGIN NF    NF    NF    NF    OK    NF    OK
seminar_days:day                                                         own       POST  LOGIN NF    NF    NF    NF    OK    NF    OK
seminar_days:day                                                         other     GET   LOGIN NF    NF    NF    NF    NF    NF    OK
seminar_days:day                                                         other     POST  LOGIN NF    NF    NF    NF    NF    NF    REDIR
search                                                                   -         GET   OK    OK    OK    OK    OK    OK    OK    OK
search                                                                   text      GET   OK    OK    OK    OK    OK    OK    OK    OK
search                                                                   quote     GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtail_serve                                                            home      GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtail_serve                                                            home-en   GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtail_serve                                                            content   GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtail_serve                                                            courses   GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtail_serve                                                            course    GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtail_serve                                                            lesson    GET   LOGIN OK    DENY  DENY  DENY  DENY  DENY  DENY
wagtail_serve                                                            programme GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtail_serve                                                            placement GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtail_serve                                                            private   GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtail_serve                                                            missing   GET   NF    NF    NF    NF    NF    NF    NF    NF
wagtailcore_authenticate_with_password                                   -         GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtailcore_login                                                        -         GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtaildocs_serve                                                        -         GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtaildocs_authenticate_with_password                                   -         GET   NF    NF    NF    NF    NF    NF    NF    NF

# --- learning: self-enrolment, quizzes, H5P -------------------------------------------------------------------------------------------
courses:enrol                                                            -         POST  LOGIN REDIR REDIR REDIR REDIR REDIR REDIR REDIR
courses:withdraw                                                         own       POST  LOGIN REDIR NF    NF    NF    NF    NF    NF
courses:withdraw                                                         other     POST  LOGIN NF    NF    NF    NF    NF    NF    NF
courses:quiz_submit                                                      -         POST  LOGIN REDIR REDIR REDIR REDIR REDIR REDIR REDIR
# the lesson page's "viewed" POST: recorded for the enrolled learner, a message for the others
courses:lesson_viewed                                                    -         POST  LOGIN REDIR REDIR REDIR REDIR REDIR REDIR REDIR
# a well-formed result without the player's attempt token (finding 12)
h5p_xapi:xapi                                                            -         POST  DENY  DENY  DENY  DENY  DENY  DENY  DENY  DENY
# the learner's saved state inside the H5P item, sent without the player's attempt token
h5p_xapi:user_data                                                       -         POST  DENY  DENY  DENY  DENY  DENY  DENY  DENY  DENY
h5p:player                                                               -         GET   SBXNO SBXNO SBXNO SBXNO SBXNO SBXNO SBXNO SBXNO
h5p:player                                                               token     GET   SBX   SBX   SBX   SBX   SBX   SBX   SBX   SBX
h5p:content_asset                                                        -         GET   OK    OK    OK    OK    OK    OK    OK    OK
h5p:library_asset                                                        -         GET   OK    OK    OK    OK    OK    OK    OK    OK
h5p:player_file                                                          -         GET   OK    OK    OK    OK    OK    OK    OK    OK

# --- certificates: public verification, the owner's PDF -------------------------------------------------------------------------------
certificates:verify                                                      -         GET   OK    OK    OK    OK    OK    OK    OK    OK
certificates:verify                                                      code      GET   REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR
certificates:detail                                                      own       GET   OK    OK    OK    OK    OK    OK    OK    OK
certificates:detail                                                      other     GET   OK    OK    OK    OK    OK    OK    OK    OK
certificates:mine                                                        -         GET   LOGIN OK    OK    OK    OK    OK    OK    OK
certificates:download                                                    own       GET   LOGIN OK    NF    NF    NF    OK    NF    OK
certificates:download                                                    other     GET   LOGIN NF    NF    NF    NF    NO    NF    OK

# --- Freiwilliges Digitales Jahr: applying, host contacts -----------------------------------------------------------------------------
volunteers:overview                                                      -         GET   LOGIN OK    OK    OK    OK    OK    OK    OK
volunteers:apply_start                                                   -         GET   LOGIN OK    OK    OK    OK    OK    OK    OK
volunteers:step                                                          -         GET   LOGIN REDIR REDIR REDIR REDIR REDIR REDIR REDIR
volunteers:review                                                        -         GET   LOGIN REDIR REDIR REDIR REDIR REDIR REDIR REDIR
volunteers:submit                                                        -         POST  LOGIN NF    NF    REDIR NF    NF    NF    NF
volunteers:action_confirm                                                own       GET   LOGIN NF    NF    OK    NF    NF    NF    NF
volunteers:action_confirm                                                other     GET   LOGIN NF    NF    NF    NF    NF    NF    NF
volunteers:action                                                        own       POST  LOGIN NF    NF    REDIR NF    NF    NF    NF
volunteers:action                                                        other     POST  LOGIN NF    NF    NF    NF    NF    NF    NF
volunteers:document                                                      own       GET   LOGIN NF    NF    OK    OK    OK    NF    OK
volunteers:document                                                      other     GET   LOGIN NF    NF    NF    NF    NO    NF    OK
volunteers:document                                                      anon      GET   LOGIN NF    NF    NF    NF    OK    NF    OK
volunteers:document                                                      elsewhere GET   LOGIN NF    NF    NF    NF    OK    NF    OK
volunteers:document_remove                                               own       POST  LOGIN NF    NF    REDIR NF    NF    NF    NF
volunteers:document_remove                                               other     POST  LOGIN NF    NF    NF    NF    NF    NF    NF
volunteers:guardian_consent                                              own       GET   OK    OK    OK    OK    OK    OK    OK    OK
volunteers:guardian_consent                                              bad       GET   BAD   BAD   BAD   BAD   BAD   BAD   BAD   BAD
volunteers:host_applications                                             -         GET   LOGIN DENY  DENY  DENY  ANON  DENY  DENY  DENY
volunteers:host_application                                              own       GET   LOGIN DENY  DENY  DENY  NAMED DENY  DENY  DENY
volunteers:host_application                                              anon      GET   LOGIN DENY  DENY  DENY  ANON  DENY  DENY  DENY
volunteers:host_application                                              elsewhere GET   LOGIN DENY  DENY  DENY  ANON  DENY  DENY  DENY
volunteers:host_application                                              other     GET   LOGIN DENY  DENY  DENY  NF    DENY  DENY  DENY

# --- admin: our own screens and actions -----------------------------------------------------------------------------------------------
volunteers_admin:application                                             own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
volunteers_admin:application                                             other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
# the service year: volunteers see their own service, host contacts the services at their
# hosts, coordinators (in scope) and superusers the admin screens; agreements are private
volunteers:my_service                                                    -         GET   LOGIN NF    NF    NF    NF    NF    NF    NF
volunteers:agreement_pdf                                                 own       GET   LOGIN NF    NF    NF    OK    NF    NF    OK
volunteers:agreement_pdf                                                 other     GET   LOGIN NF    NF    NF    NF    NF    NF    OK
volunteers:host_services                                                 -         GET   LOGIN DENY  DENY  DENY  OK    DENY  DENY  DENY
volunteers:host_service                                                  own       GET   LOGIN DENY  DENY  DENY  OK    DENY  DENY  DENY
volunteers:host_service                                                  other     GET   LOGIN DENY  DENY  DENY  NF    DENY  DENY  DENY
service_admin:index                                                      -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
service_admin:plan                                                       own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
service_admin:service                                                    own       GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
service_admin:service                                                    other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
# the Zeugnis: the volunteer asks for it (none of the matrix's people serves: not found);
# the host's contacts draft it for their own services only; coordinators (in scope) and
# superusers edit and approve it in the admin
volunteers:zeugnis_request                                               -         POST  LOGIN NF    NF    NF    NF    NF    NF    NF
volunteers:host_zeugnis                                                  own       GET   LOGIN DENY  DENY  DENY  OK    DENY  DENY  DENY
volunteers:host_zeugnis                                                  other     GET   LOGIN DENY  DENY  DENY  NF    DENY  DENY  DENY
zeugnis_admin:index                                                      -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
zeugnis_admin:edit                                                       own       GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
zeugnis_admin:edit                                                       other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailsnippets_volunteers_agreementtemplate:list                        -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_agreementtemplate:list_results                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_agreementtemplate:add                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_agreementtemplate:edit                        -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_agreementtemplate:delete                      -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_volunteers_agreementtemplate:copy                        -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_agreementtemplate:usage                       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_agreementtemplate:history                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_agreementtemplate:history_results             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_agreementtemplate:choose               -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_agreementtemplate:choose_results       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_agreementtemplate:chosen               -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_agreementtemplate:chosen_multiple      -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_agreementtemplate:create               -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_serviceterms:list                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_serviceterms:list_results                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_serviceterms:add                              -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_serviceterms:edit                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_serviceterms:delete                           -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_volunteers_serviceterms:copy                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_serviceterms:usage                            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_serviceterms:history                          -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_serviceterms:history_results                  -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_serviceterms:choose                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_serviceterms:choose_results            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_serviceterms:chosen                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_serviceterms:chosen_multiple           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_serviceterms:create                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
# seminar days and the programme's reports: coordinators and superusers; a coordinator
# limited to some programme years sees and records only their seminar plans (own: the
# coordinator's year, other: the demo's earlier year), compliance only in scope
seminar_days_admin:seminar                                               own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
seminar_days_admin:day                                                   own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
seminar_days_admin:seminar                                               other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
seminar_days_admin:day                                                   other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
volunteer_reports:compliance                                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
volunteer_reports:compliance_results                                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
volunteer_reports:funnel                                                 -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
volunteer_reports:funnel_results                                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
volunteer_reports:landkreise                                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
volunteer_reports:landkreise_results                                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
volunteer_reports:seminars                                               -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
volunteer_reports:seminars_results                                       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
volunteer_reports:compliance_service                                     other     GET   LOGIN DENY  DENY  DENY  DENY  NF    DENY  OK
wagtailsnippets_volunteers_seminar:list                                  -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminar:list_results                          -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminar:add                                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminar:edit                                  -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminar:delete                                -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_volunteers_seminar:copy                                  -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminar:usage                                 -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminar:history                               -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminar:history_results                       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminar:edit                                  other     GET   LOGIN DENY  DENY  DENY  DENY  NF    DENY  OK
wagtailsnippetchoosers_volunteers_seminar:choose                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_seminar:choose_results                 -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_seminar:chosen                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_seminar:chosen_multiple                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_seminar:create                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminargroup:list                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminargroup:list_results                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminargroup:add                              -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminargroup:edit                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminargroup:delete                           -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_volunteers_seminargroup:copy                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminargroup:usage                            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminargroup:history                          -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminargroup:history_results                  -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminargroup:edit                             other     GET   LOGIN DENY  DENY  DENY  DENY  NF    DENY  OK
wagtailsnippetchoosers_volunteers_seminargroup:choose                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_seminargroup:choose_results            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_seminargroup:chosen                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_seminargroup:chosen_multiple           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_seminargroup:create                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminarterms:list                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminarterms:list_results                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminarterms:add                              -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminarterms:edit                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminarterms:delete                           -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_volunteers_seminarterms:copy                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminarterms:usage                            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminarterms:history                          -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminarterms:history_results                  -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_seminarterms:edit                             other     GET   LOGIN DENY  DENY  DENY  DENY  NF    DENY  OK
wagtailsnippetchoosers_volunteers_seminarterms:choose                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_seminarterms:choose_results            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_seminarterms:chosen                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_seminarterms:chosen_multiple           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_seminarterms:create                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
# matching: a run covers a whole programme year, so coordinators limited to units are refused
volunteers_matching:index                                                -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
volunteers_matching:year                                                 own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
volunteers_matching:year                                                 other     GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
volunteers_matching:year                                                 own       POST  LOGIN DENY  DENY  DENY  DENY  DENY  DENY  REDIR
volunteers_matching:run                                                  own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
volunteers_matching:run                                                  other     GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
volunteers_matching:applicant                                            own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
volunteers_matching:applicant                                            other     GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  NF
volunteers_matching:approve                                              own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
volunteers_matching:approve                                              other     POST  LOGIN DENY  DENY  DENY  DENY  DENY  DENY  REDIR
volunteers_matching:compare                                              own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
certificates_admin:retry                                                 own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
certificates_admin:retry                                                 other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
certificates_admin:revoke                                                own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
certificates_admin:revoke                                                other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
certificates_admin:batch                                                 -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
certificates_admin:batch_zip                                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
courses_admin:certificate_batch                                          -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
# approval requests the coordination team decides (escalated or without a supervisor)
approvals_admin:index                                                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
approvals_admin:decide                                                   -         POST  LOGIN DENY  DENY  DENY  DENY  REDIR DENY  REDIR
# bulk actions: "-" publishes a page (Wagtail lists what the user may not publish),
# own/other start the review of an application (ours, scoped)
wagtail_bulk_action                                                      -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtail_bulk_action                                                      own       GET   LOGIN DENY  DENY  DENY  DENY  NAMED ANON  NAMED
wagtail_bulk_action                                                      other     GET   LOGIN DENY  DENY  DENY  DENY  NO    ANON  NAMED

# applications: read-only listings with export, scoped; no generic forms for anyone
wagtailsnippets_volunteers_application:list                              -         GET   LOGIN DENY  DENY  DENY  DENY  SCOPE DENY  ALL
wagtailsnippets_volunteers_application:list                              csv       GET   LOGIN DENY  DENY  DENY  DENY  SCOPE DENY  ALL
wagtailsnippets_volunteers_application:list_results                      -         GET   LOGIN DENY  DENY  DENY  DENY  SCOPE DENY  ALL
wagtailsnippets_volunteers_application:add                               -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
wagtailsnippets_volunteers_application:edit                              own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
wagtailsnippets_volunteers_application:edit                              other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  DENY
wagtailsnippets_volunteers_application:delete                            own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
wagtailsnippets_volunteers_application:delete                            other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  DENY
wagtailsnippets_volunteers_application:copy                              own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
wagtailsnippets_volunteers_application:copy                              other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  DENY
wagtailsnippets_volunteers_application:usage                             own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
wagtailsnippets_volunteers_application:usage                             other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  DENY
wagtailsnippets_volunteers_application:history                           own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
wagtailsnippets_volunteers_application:history                           other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  DENY
wagtailsnippets_volunteers_application:history_results                   own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
wagtailsnippets_volunteers_application:history_results                   other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  DENY

# training reports (Reports menu): coordinators (figures limited to their scope) and
# superusers; the certificates report also needs the certificates' view permission
course_reports:compliance                                                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
course_reports:compliance_results                                        -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
course_reports:overdue                                                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
course_reports:overdue_results                                           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
course_reports:completions                                               -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
course_reports:completions_results                                       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
course_reports:certificates                                              -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
course_reports:certificates_results                                      -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
course_reports:evidence                                                  -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
course_reports:evidence_results                                          -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
# seminar occupancy (Reports menu): coordinators and superusers
seminar_reports:occupancy                                                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
seminar_reports:occupancy_results                                        -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
# assignments: coordinators assign courses within their scope; the progress page of an
# assignment outside the scope is not there for them
assignments_admin:index                                                  -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
assignments_admin:add                                                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
assignments_admin:detail                                                 own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
assignments_admin:detail                                                 other     GET   LOGIN DENY  DENY  DENY  DENY  NF    DENY  OK
assignments_admin:detail                                                 own       POST  LOGIN DENY  DENY  DENY  DENY  REDIR DENY  REDIR
assignments_admin:detail                                                 other     POST  LOGIN DENY  DENY  DENY  DENY  NF    DENY  REDIR
# seminar sessions: coordinators create, edit, move and cancel them (with a reason); nobody
# deletes one in the admin (bookings hang on it)
seminar_sessions:index                                                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
seminar_sessions:index_results                                           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
seminar_sessions:add                                                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
seminar_sessions:edit                                                    own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
seminar_sessions:delete                                                  own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
seminar_sessions:inspect                                                 own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
seminar_sessions:usage                                                   own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
seminar_sessions:history                                                 own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
seminar_sessions:history_results                                         own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
seminar_sessions:cancel                                                  own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
seminar_sessions:cancel                                                  own       POST  LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
# enrolments: scoped listing with export; due date editable by coordinators
enrolments:index                                                         -         GET   LOGIN DENY  DENY  DENY  DENY  SCOPE DENY  ALL
enrolments:index                                                         csv       GET   LOGIN DENY  DENY  DENY  DENY  SCOPE DENY  ALL
enrolments:index_results                                                 -         GET   LOGIN DENY  DENY  DENY  DENY  SCOPE DENY  ALL
# enrolling someone is assigning them the course: the add screen leads to the assignment form
enrolments:add                                                           -         GET   LOGIN DENY  DENY  DENY  DENY  REDIR DENY  REDIR
enrolments:edit                                                          own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
enrolments:edit                                                          other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
enrolments:delete                                                        own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
enrolments:delete                                                        other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
enrolments:inspect                                                       own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
enrolments:inspect                                                       other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
enrolments:usage                                                         own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
enrolments:usage                                                         other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
enrolments:history                                                       own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
enrolments:history                                                       other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
enrolments:history_results                                               own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
enrolments:history_results                                               other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK

# certificates and batches: read-only, scoped; changes go through retry/revoke above
certificates_certificate:index                                           -         GET   LOGIN DENY  DENY  DENY  DENY  SCOPE DENY  ALL
certificates_certificate:index_results                                   -         GET   LOGIN DENY  DENY  DENY  DENY  SCOPE DENY  ALL
certificates_certificate:add                                             -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
certificates_certificate:inspect                                         own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
certificates_certificate:inspect                                         other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
certificates_certificate:edit                                            own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
certificates_certificate:edit                                            other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  DENY
certificates_certificate:delete                                          own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
certificates_certificate:delete                                          other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  DENY
certificates_certificate:copy                                            own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
certificates_certificate:copy                                            other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  DENY
certificates_certificate:usage                                           own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
certificates_certificate:usage                                           other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  DENY
certificates_certificate:history                                         own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
certificates_certificate:history                                         other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  DENY
certificates_certificate:history_results                                 own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
certificates_certificate:history_results                                 other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  DENY
certificates_batch:index                                                 -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
certificates_batch:index_results                                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
certificates_batch:add                                                   -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
certificates_batch:edit                                                  -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
certificates_batch:delete                                                -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
certificates_batch:copy                                                  -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
certificates_batch:usage                                                 -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
certificates_batch:history                                               -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
certificates_batch:history_results                                       -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY

# user accounts: scoped for coordinators; superusers' accounts only for superusers
wagtailusers_users:index                                                 -         GET   LOGIN DENY  DENY  DENY  DENY  SCOPE DENY  ALL
wagtailusers_users:index_results                                         -         GET   LOGIN DENY  DENY  DENY  DENY  SCOPE DENY  ALL
wagtailusers_users:add                                                   -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailusers_users:edit                                                  own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailusers_users:edit                                                  other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailusers_users:edit                                                  admin     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailusers_users:edit                                                  coord     GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailusers_users:delete                                                own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailusers_users:delete                                                other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailusers_users:delete                                                admin     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  DENY
wagtailusers_users:delete                                                coord     GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailusers_users:copy                                                  own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailusers_users:copy                                                  other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailusers_users:usage                                                 own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailusers_users:usage                                                 other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailusers_users:usage                                                 admin     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailusers_users:history                                               own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailusers_users:history                                               other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailusers_users:history                                               admin     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailusers_users:history_results                                       own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailusers_users:history_results                                       other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailusers_users:history_results                                       admin     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailusers_groups:*                                                    -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK

# master data of the coordination: every coordinator reads it; a scoped coordinator edits
# organisation units, host organisations and placements only within the scope (else they
# could move a unit, host or placement of others into it and so see others' people)
wagtailsnippets_accounts_orgunit:list                                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_accounts_orgunit:list_results                            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_accounts_orgunit:add                                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_accounts_orgunit:edit                                    own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_accounts_orgunit:edit                                    other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailsnippets_accounts_orgunit:delete                                  own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_accounts_orgunit:delete                                  other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailsnippets_accounts_orgunit:copy                                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_accounts_orgunit:usage                                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_accounts_orgunit:history                                 -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_accounts_orgunit:history_results                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_accounts_orgunit:choose                           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_accounts_orgunit:choose_results                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_accounts_orgunit:chosen                           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_accounts_orgunit:chosen_multiple                  -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_accounts_orgunit:create                           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_programmeyear:list                            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_programmeyear:list_results                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_programmeyear:add                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_programmeyear:edit                            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_programmeyear:delete                          -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_volunteers_programmeyear:copy                            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_programmeyear:usage                           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_programmeyear:history                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_programmeyear:history_results                 -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_programmeyear:choose                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_programmeyear:choose_results           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_programmeyear:chosen                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_programmeyear:chosen_multiple          -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_programmeyear:create                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_startdate:list                                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_startdate:list_results                        -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_startdate:add                                 -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_startdate:edit                                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_startdate:delete                              -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_volunteers_startdate:copy                                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_startdate:usage                               -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_startdate:history                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_startdate:history_results                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_startdate:choose                       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_startdate:choose_results               -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_startdate:chosen                       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_startdate:chosen_multiple              -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_startdate:create                       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_hostorganisation:list                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_hostorganisation:list                         csv       GET   LOGIN DENY  DENY  DENY  DENY  CSV   DENY  CSV
wagtailsnippets_volunteers_hostorganisation:list_results                 -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_hostorganisation:add                          -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_hostorganisation:edit                         own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_hostorganisation:edit                         other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailsnippets_volunteers_hostorganisation:delete                       own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_volunteers_hostorganisation:delete                       other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailsnippets_volunteers_hostorganisation:copy                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_hostorganisation:usage                        -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_hostorganisation:history                      -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_hostorganisation:history_results              -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_hostorganisation:choose                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_hostorganisation:choose_results        -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_hostorganisation:chosen                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_hostorganisation:chosen_multiple       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_hostorganisation:create                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_placement:list                                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_placement:list                                csv       GET   LOGIN DENY  DENY  DENY  DENY  CSV   DENY  CSV
wagtailsnippets_volunteers_placement:list_results                        -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_placement:add                                 -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_placement:edit                                own       GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_placement:edit                                other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailsnippets_volunteers_placement:delete                              own       GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_volunteers_placement:delete                              other     GET   LOGIN DENY  DENY  DENY  DENY  NO    DENY  OK
wagtailsnippets_volunteers_placement:copy                                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_placement:usage                               -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_placement:history                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_placement:history_results                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_placement:choose                       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_placement:choose_results               -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_placement:chosen                       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_placement:chosen_multiple              -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_placement:create                       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_emailtemplate:list                            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_emailtemplate:list_results                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_emailtemplate:add                             -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_emailtemplate:edit                            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_emailtemplate:delete                          -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_volunteers_emailtemplate:copy                            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_emailtemplate:usage                           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_emailtemplate:history                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_volunteers_emailtemplate:history_results                 -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_emailtemplate:choose                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_emailtemplate:choose_results           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_emailtemplate:chosen                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_emailtemplate:chosen_multiple          -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_volunteers_emailtemplate:create                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_certificates_certificatetemplate:list                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_certificates_certificatetemplate:list_results            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_certificates_certificatetemplate:add                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_certificates_certificatetemplate:edit                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_certificates_certificatetemplate:delete                  -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_certificates_certificatetemplate:copy                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_certificates_certificatetemplate:usage                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_certificates_certificatetemplate:history                 -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_certificates_certificatetemplate:history_results         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_certificates_certificatetemplate:preview_on_add          -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_certificates_certificatetemplate:preview_on_edit         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_certificates_certificatetemplate:choose           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_certificates_certificatetemplate:choose_results   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_certificates_certificatetemplate:chosen           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_certificates_certificatetemplate:chosen_multiple  -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_certificates_certificatetemplate:create           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK

# course content: the editorial team's topics; H5P packages are uploaded by superusers
wagtailsnippets_courses_coursetopic:list                                 -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippets_courses_coursetopic:list_results                         -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippets_courses_coursetopic:add                                  -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippets_courses_coursetopic:edit                                 -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippets_courses_coursetopic:delete                               -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_courses_coursetopic:copy                                 -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippets_courses_coursetopic:usage                                -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippets_courses_coursetopic:history                              -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippets_courses_coursetopic:history_results                      -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippetchoosers_courses_coursetopic:choose                        -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippetchoosers_courses_coursetopic:choose_results                -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippetchoosers_courses_coursetopic:chosen                        -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippetchoosers_courses_coursetopic:chosen_multiple               -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippetchoosers_courses_coursetopic:create                        -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
# training mail texts: coordinators edit the texts; the set of mails is fixed (no add/delete)
wagtailsnippets_courses_mailtext:list                                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_courses_mailtext:list_results                            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_courses_mailtext:add                                     -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_courses_mailtext:edit                                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_courses_mailtext:delete                                  -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_courses_mailtext:copy                                    -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_courses_mailtext:usage                                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_courses_mailtext:history                                 -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippets_courses_mailtext:history_results                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_courses_mailtext:choose                           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_courses_mailtext:choose_results                   -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_courses_mailtext:chosen                           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_courses_mailtext:chosen_multiple                  -         GET   LOGIN DENY  DENY  DENY  DENY  OK    DENY  OK
wagtailsnippetchoosers_courses_mailtext:create                           -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_courses_h5pcontent:list                                  -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippets_courses_h5pcontent:list_results                          -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippets_courses_h5pcontent:inspect                               -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippets_courses_h5pcontent:add                                   -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_courses_h5pcontent:edit                                  -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_courses_h5pcontent:delete                                -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_courses_h5pcontent:usage                                 -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_courses_h5pcontent:history                               -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippets_courses_h5pcontent:history_results                       -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsnippetchoosers_courses_h5pcontent:choose                         -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippetchoosers_courses_h5pcontent:choose_results                 -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippetchoosers_courses_h5pcontent:chosen                         -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippetchoosers_courses_h5pcontent:chosen_multiple                -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailsnippetchoosers_courses_h5pcontent:create                         -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
h5p_libraries:index                                                      -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
h5p_libraries:index_results                                              -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
h5p_libraries:add                                                        -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
h5p_libraries:edit                                                       -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
h5p_libraries:delete                                                     -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
h5p_libraries:inspect                                                    -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
h5p_libraries:usage                                                      -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
h5p_libraries:history                                                    -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
h5p_libraries:history_results                                            -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK

# --- Wagtail's own admin --------------------------------------------------------------------------------------------------------------
# open to everyone: the admin's login and password reset, icons, translations
wagtailadmin_login                                                       -         GET   OK    OK    OK    OK    OK    REDIR REDIR REDIR
wagtailadmin_password_reset*                                             -         GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtailadmin_sprite                                                      -         GET   OK    OK    OK    OK    OK    OK    OK    OK
wagtailadmin_javascript_catalog                                          -         GET   OK    OK    OK    OK    OK    OK    OK    OK
# every admin role
wagtailadmin_home                                                        -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
route:admin/test404/                                                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
route:admin/^.*/$                                                        -         GET   LOGIN DENY  DENY  DENY  DENY  NF    NF    NF
wagtailadmin_error_test                                                  -         GET   LOGIN DENY  DENY  DENY  DENY  ERR   ERR   ERR
wagtailadmin_account                                                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailadmin_logout                                                      -         GET   LOGIN DENY  DENY  DENY  DENY  N405  N405  N405
wagtailadmin_dismissibles                                                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailadmin_block_preview                                               -         GET   LOGIN DENY  DENY  DENY  DENY  NF    NF    NF
wagtailadmin_tag_autocomplete                                            -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailadmin_tag_model_autocomplete                                      -         GET   LOGIN DENY  DENY  DENY  DENY  NF    NF    NF
wagtailadmin_editing_sessions:ping                                       -         POST  LOGIN DENY  DENY  DENY  DENY  NF    OK    OK
wagtailadmin_editing_sessions:release                                    -         POST  LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailsnippets:index                                                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailembeds:*                                                          -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailadmin_choose_page*                                                -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
# the site history shows the audit log: applications only within the coordinator's scope
wagtailadmin_reports:site_history                                        -         GET   LOGIN DENY  DENY  DENY  DENY  SCOPE NONE  ALL
wagtailadmin_reports:site_history_results                                -         GET   LOGIN DENY  DENY  DENY  DENY  SCOPE NONE  ALL
audit_log                                                                -         GET   LOGIN DENY  DENY  DENY  DENY  SCOPE NONE  ALL
audit_log_results                                                        -         GET   LOGIN DENY  DENY  DENY  DENY  SCOPE NONE  ALL
wagtailadmin_api:pages:listing                                           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailadmin_api:pages:detail                                            -         GET   LOGIN DENY  DENY  DENY  DENY  NF    OK    OK
wagtailadmin_api:pages:find                                              -         GET   LOGIN DENY  DENY  DENY  DENY  NF    NF    NF
wagtailadmin_api:pages:action                                            -         GET   LOGIN DENY  DENY  DENY  DENY  N405  N405  N405
wagtailadmin_api:documents:listing                                       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailadmin_api:documents:detail                                        -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailadmin_api:documents:find                                          -         GET   LOGIN DENY  DENY  DENY  DENY  NF    NF    NF
wagtailadmin_api:images:listing                                          -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailadmin_api:images:detail                                           -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailadmin_api:images:find                                             -         GET   LOGIN DENY  DENY  DENY  DENY  NF    NF    NF
# the page tree: the editorial team
wagtailadmin_explore*                                                    -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailadmin_pages:*                                                     -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailadmin_pages:choose_parent                                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailadmin_pages:add_subpage                                           -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  REDIR REDIR
wagtailadmin_pages:move_confirm                                          -         POST  LOGIN DENY  DENY  DENY  DENY  DENY  REDIR REDIR
wagtailadmin_pages:revisions_index                                       -         GET   LOGIN DENY  DENY  DENY  DENY  REDIR REDIR REDIR
wagtailadmin_pages:confirm_workflow_cancellation                         -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailadmin_pages:convert_alias                                         -         GET   LOGIN DENY  DENY  DENY  DENY  NF    NF    NF
wagtailadmin_pages:workflow_action                                       -         GET   LOGIN DENY  DENY  DENY  DENY  NF    NF    NF
wagtailadmin_pages:collect_workflow_action_data                          -         GET   LOGIN DENY  DENY  DENY  DENY  NF    NF    NF
wagtailadmin_pages:workflow_history_detail                               -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  NF    NF
wagtailadmin_pages:workflow_preview                                      -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
wagtailadmin_pages:lock                                                  -         GET   LOGIN DENY  DENY  DENY  DENY  N405  N405  N405
wagtailadmin_pages:unlock                                                -         GET   LOGIN DENY  DENY  DENY  DENY  N405  N405  N405
wagtailadmin_pages:set_page_position                                     -         GET   LOGIN DENY  DENY  DENY  DENY  N405  N405  N405
wagtailadmin_reports:workflow*                                           -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailadmin_reports:aging_pages*                                        -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailadmin_reports:page_types_usage*                                   -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailforms:index*                                                      -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailforms:list_submissions*                                           -         GET   LOGIN DENY  DENY  DENY  DENY  NF    NF    NF
wagtailforms:delete_submissions                                          -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  DENY
# images and documents: the editorial team (add, change, choose; in Wagtail change includes delete)
wagtailimages:*                                                          -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailimages:delete                                                     -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailimages:url_generator*                                             -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  NO    NF
wagtailimages:*_multiple                                                 -         GET   LOGIN DENY  DENY  DENY  DENY  N405  N405  N405
wagtailimages:add_multiple                                               -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailimages:create_multiple_from_uploaded_image                        -         GET   LOGIN DENY  DENY  DENY  DENY  N405  N405  N405
wagtaildocs:*                                                            -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtaildocs:delete                                                       -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtaildocs:*_multiple                                                   -         GET   LOGIN DENY  DENY  DENY  DENY  N405  N405  N405
wagtaildocs:add_multiple                                                 -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtaildocs:create_multiple_from_uploaded_document                       -         GET   LOGIN DENY  DENY  DENY  DENY  N405  N405  N405
wagtailimages_chooser:*                                                  -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailimages_chooser:chosen                                             -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailimages_chooser:create                                             -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtailimages_chooser:select_format                                      -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtaildocs_chooser:*                                                    -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtaildocs_chooser:chosen                                               -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
wagtaildocs_chooser:create                                               -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  OK    OK
# superusers only: sites, settings, collections, workflows, redirects, locked pages
wagtailsites:*                                                           -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsettings:edit                                                     -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  REDIR
wagtailsettings:edit                                                     site      GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailsettings:preview_on_edit                                          -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  NF
wagtailadmin_collections:*                                               -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailadmin_collections:edit                                            -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  NF
wagtailadmin_collections:delete                                          -         GET   LOGIN DENY  DENY  DENY  DENY  NF    NF    NF
wagtailadmin_workflows:*                                                 -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailadmin_workflows:select_task_type                                  -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  REDIR
wagtailadmin_workflows:enable*                                           -         GET   LOGIN DENY  DENY  DENY  DENY  N405  N405  N405
wagtailadmin_workflows:remove                                            -         GET   LOGIN DENY  DENY  DENY  DENY  N405  N405  N405
wagtailadmin_workflows:remove                                            workflow  GET   LOGIN DENY  DENY  DENY  DENY  N405  N405  N405
# the task chooser answers every admin; only those who may add tasks get a create form
wagtailadmin_workflows:task_chooser*                                     -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailadmin_workflows:task_chosen                                       -         GET   LOGIN DENY  DENY  DENY  DENY  OK    OK    OK
wagtailredirects:*                                                       -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
wagtailredirects:process_import                                          -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  N405
wagtailadmin_reports:locked_pages*                                       -         GET   LOGIN DENY  DENY  DENY  DENY  DENY  DENY  OK
"""  # noqa: E501 - one row per line reads best

# Namespaces (and names) that are ours: they must be listed one by one, never by a group.
OWN_PREFIXES = ("healthz", "dashboard", "search", "accounts:", "courses:", "certificates",
                "volunteers", "h5p", "enrolments:", "wagtailsnippets_accounts_",
                "wagtailsnippets_courses_", "wagtailsnippets_certificates_",
                "wagtailsnippets_volunteers_", "wagtailsnippetchoosers_accounts_",
                "wagtailsnippetchoosers_courses_", "wagtailsnippetchoosers_certificates_",
                "wagtailsnippetchoosers_volunteers_", "wagtail_bulk_action", "wagtail_serve")


def _parse(text: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, case, how, *expected = line.split()
        assert how in ("GET", "POST"), f"matrix line {number}: {how!r} is not GET or POST"
        assert len(expected) == len(ROLES), f"matrix line {number}: {len(expected)} roles"
        unknown = set(expected) - SYMBOLS
        assert not unknown, f"matrix line {number}: unknown symbols {unknown}"
        rows.append((name, case, how, tuple(expected)))
    return rows


ROWS = _parse(MATRIX)
PATTERNS = {}
for _pattern in url_patterns():
    PATTERNS.setdefault(_pattern.key, _pattern)


def _is_group(name: str) -> bool:
    return "*" in name


def _rows_for(key: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """The explicit rows of a pattern, or else the most specific group that covers it."""
    explicit = [row for row in ROWS if row[0] == key]
    if explicit:
        return explicit
    groups = [row for row in ROWS if _is_group(row[0]) and fnmatch.fnmatchcase(key, row[0])]
    if not groups:
        return []
    best = max(len(row[0].replace("*", "")) for row in groups)
    return [row for row in groups if len(row[0].replace("*", "")) == best][:1]


CELLS = [
    pytest.param(key, case, how, role, expected[index],
                 id=f"{key}[{case}]-{role}")
    for key in PATTERNS
    for (_name, case, how, expected) in _rows_for(key)
    for index, role in enumerate(ROLES)
]


def test_every_url_pattern_is_in_the_matrix():
    missing = sorted(f"{key}  ({pattern.route})" for key, pattern in PATTERNS.items()
                     if not _rows_for(key))
    assert not missing, ("URL patterns nobody has decided about; add them to MATRIX with "
                         "the outcome for every role:\n" + "\n".join(missing))


def test_matrix_names_only_patterns_that_exist():
    stale = sorted({name for name, *_rest in ROWS
                    if (name not in PATTERNS if not _is_group(name)
                        else not any(fnmatch.fnmatchcase(key, name) for key in PATTERNS))})
    assert not stale, "MATRIX rows for URL names that no longer exist:\n" + "\n".join(stale)


def test_our_own_views_are_listed_one_by_one():
    grouped = sorted(key for key in PATTERNS
                     if key.startswith(OWN_PREFIXES) and not any(row[0] == key for row in ROWS))
    assert not grouped, ("Our own views need a row of their own, not a group:\n"
                         + "\n".join(grouped))


@pytest.mark.parametrize(("key", "case", "how", "role", "expected"), CELLS)
def test_access(world, key, case, how, role, expected):
    request = build_request(world, PATTERNS[key], case)
    client = world.client(role)
    kwargs = {"content_type": request.content_type} if request.content_type else {}
    send = client.post if how == "POST" else client.get
    response = send(request.path, request.data, **kwargs)
    ok, seen = matches(expected, response, anonymous=role == "anonymous",
                       markers=markers_for(world, key, case),
                       identity=identity_for(world, key, case)
                       if expected in ("ANON", "NAMED") else None)
    assert ok, (f"{role} {how} {request.path} ({key}, case {case}): expected {expected}, "
                f"got {seen} [{response.status_code}"
                f"{' → ' + response['Location'] if response.has_header('Location') else ''}]")
