"""The one quizmath note type: its fixed id, fields, card template and phone-friendly style.

The model id never changes: Anki identifies the note type by it, so every export, old or new,
lands in the same note type and its notes can be updated in place.
"""

from __future__ import annotations

import genanki

MODEL_ID = 1_742_518_097
MODEL_NAME = "QuizMath"
FIELD_NAMES = ("Question", "Answer", "Solution", "Topic", "Source")

QUESTION_HTML = """\
<div class="qm-card">
<div class="qm-topic">{{Topic}}</div>
<div class="qm-question">{{Question}}</div>
</div>"""

ANSWER_HTML = """\
{{FrontSide}}
<hr id="answer">
<div class="qm-card">
<div class="qm-answer">{{Answer}}</div>
{{#Solution}}<div class="qm-solution"><div class="qm-label">Solution</div>{{Solution}}</div>\
{{/Solution}}
<div class="qm-source">{{Source}}</div>
</div>"""

# Colours are left to Anki's light and night themes; muted parts use opacity instead.
CSS = """\
.card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", sans-serif;
  font-size: 19px;
  line-height: 1.55;
  text-align: left;
  margin: 0;
  padding: 0;
}
.qm-card { max-width: 38em; margin: 0 auto; padding: 0.9em 1em; overflow-wrap: break-word; }
.qm-topic {
  font-size: 0.72em;
  letter-spacing: 0.04em;
  text-transform: uppercase;
  opacity: 0.6;
  margin-bottom: 0.6em;
}
.qm-question { font-size: 1.05em; }
.qm-answer { font-size: 1.1em; }
.qm-label { font-weight: 600; font-size: 0.85em; opacity: 0.7; margin: 1em 0 0.3em; }
.qm-steps { margin: 0; padding-left: 1.4em; }
.qm-steps li { margin: 0.35em 0; }
.qm-source { font-size: 0.7em; opacity: 0.5; margin-top: 1.2em; }
hr#answer { border: none; border-top: 1px solid currentColor; opacity: 0.25; margin: 0; }
mjx-container { max-width: 100%; overflow-x: auto; overflow-y: hidden; }
@media (max-width: 480px) {
  .card { font-size: 17px; }
  .qm-card { padding: 0.6em 0.7em; }
}
"""


def note_model() -> genanki.Model:
    """A fresh model object (genanki fills in defaults on the template dicts while writing)."""
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELD_NAMES],
        templates=[{"name": "Question", "qfmt": QUESTION_HTML, "afmt": ANSWER_HTML}],
        css=CSS,
    )


__all__ = [
    "ANSWER_HTML",
    "CSS",
    "FIELD_NAMES",
    "MODEL_ID",
    "MODEL_NAME",
    "QUESTION_HTML",
    "note_model",
]
