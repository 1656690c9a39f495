"""What each command does, the one layer both the command line and the web page call:
``prepare`` (the session, its language and its clock, every problem in one round), ``pack``,
``agenda``, ``invitations``, ``batch`` (many sessions on every core), ``watch`` (again on
every change), ``previews``, ``schema``, ``starter`` (``init``), ``languages``, ``check``,
with the print options (``options``) and the glyph check (``glyphs``); invitations out,
answers back: calendar entries (``calendar``) and e-mail drafts (``drafts``, both through
``mailing``), the returned letters' forms read (``letter_form``) and ``collect``; for the
day and after: the run of the day (``day``), the record and its photos (``record``),
``report`` and ``follow_up``.

Imports: every stage (``core``, ``session``, ``language``, ``plan``, ``render``, ``files``);
never ``cli`` or ``web``.
"""
