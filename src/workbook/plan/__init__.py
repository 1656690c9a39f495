"""The document plans: which pages, in what order, with every word filled in. One module per
document or booklet section, each page type beside the builder that fills it: ``cover``,
``overview``, ``agenda``, ``notes``, ``checklist`` and ``print_guide``, ``worksheets``
(circles and joint boards), ``room`` (name cards, sign-in, record, credits), ``pack`` (the
facilitator's pack in order), ``programme`` (the participants' agenda), ``letters`` (the
invitations), ``mail`` (their calendar entries and e-mail drafts), ``before`` (the partners'
answers where the pack needs them), ``run`` (the run view's words as the day runs),
``report`` (for the partners after the day), ``review`` (a follow-up's review sheet).
``document`` holds what every plan is; ``words`` the labels, dates and clock times they
share.

This is the last stage that knows sessions and languages: a plan is complete before anything
is drawn, measured capacities are handed in as input.

Imports: ``core``, ``session``, ``language``.
"""
