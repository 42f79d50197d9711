"""Modality of an event: asserted, intended, requested, hypothetical, negated or claimed.

Reported speech ("Russia said China supports its bid", "X reported that ...",
"according to ...") is asserted, as the PLOVER GSR and our seed annotation
code it; an event is claimed when the text marks it as a claim ("claims
that", "alleged", "denied reports that").

Read off the dependency parse around the predicate: a negation, a modal or
"if", a verb of intending ("vowed to", "is ready to"), of requesting ("urged
X to") or of claiming ("claims that ...", "alleged that ...") above it.

``stated_intent`` says when the modality makes a statement of intent, a threat
or a rejection an event of its own ("will withdraw ... unless", "refused to meet").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.actors.words import base

__all__ = ["CLAIM", "REQUEST", "addressee", "is_purpose", "is_requested_act", "modality_of", "stated_intent"]

INTEND = {"plan", "intend", "pledge", "vow", "promise", "aim", "seek", "want", "prepare", "hope", "expect",
          "agree", "decide", "offer", "propose", "threaten", "wish", "commit", "resolve", "mean"}
# An attempt is coded as the act ("tried to hack", "attempted to assassinate"), as CAMEO and the GSR do.
REFUSE = {"refuse", "decline", "fail"}
READY = {"ready", "willing", "prepared", "determined", "poised", "set", "keen", "eager"}
REQUEST = {"urge", "ask", "call", "press", "appeal", "encourage", "demand", "request", "implore", "push", "invite", "tell",
           "order", "pressure", "pressurise", "pressurize", "lobby"}
CLAIM = {"claim", "allege", "allegation", "rumour", "rumor", "accusation", "suggestion", "speculation",
         "insinuation", "assertion", "disinformation", "propaganda", "lie", "fabrication"}
DENY = {"deny", "reject", "dismiss", "refute", "rebut"}
REPORT = {"say", "announce", "tell", "state", "declare", "add", "warn", "insist", "confirm", "report"}
HYPOTHETICAL_AUX = {"could", "might", "may", "would", "should", "can"}
OBLIGATION_AUX = {"must", "should"}  # "Sudan must return the helicopter": demanded of Sudan, not done
FUTURE_AUX = {"will", "shall", "'ll"}
# Links up which a claim, request or intention reaches a predicate; a relative clause
# ("Russia, which annexed Crimea") is the writer's own statement and stops the climb.
_CLAUSE_DEPS = {"ccomp", "xcomp", "acl", "advcl", "conj", "pcomp", "acomp"}
_NOMINAL_DEPS = {"dobj", "pobj", "prep", "nsubjpass", "attr", "oprd"}


def addressee(verb: Token) -> Token | None:
    """Whom a request is made of: "urged Egypt to", "called on Hungary to", "appealed to Kenya to"."""
    if base(verb) not in REQUEST:
        return None
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return c
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to"):
            return next((o for o in c.children if o.dep_ == "pobj"), None)
    return None


def is_requested_act(anchor: Token) -> bool:
    """The act a request asks for: "called on Hungary to back ...", even where the parser made
    the infinitive an adverbial clause."""
    return anchor.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children) \
        and addressee(anchor.head) is not None


def _request_noun_object(verb: Token, clause: Token) -> bool:
    """"reiterated its demand today that Israel ease ...": the clause the parser hung on the verb
    belongs to its object, a request noun."""
    return clause.dep_ == "ccomp" and any(c.dep_ == "dobj" and base(c) in REQUEST for c in verb.children)


def is_purpose(anchor: Token) -> bool:
    """An infinitive of purpose: "began a hunger strike to protest", "opened fire to disperse"."""
    return anchor.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children) \
        and not is_requested_act(anchor)


def _negated(anchor: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det") for c in anchor.children)


def _climb(anchor: Token):  # type: ignore[no-untyped-def]
    """The tokens above the predicate, through clause links, nearest first."""
    token = anchor
    while token.dep_ in _CLAUSE_DEPS and token.head is not token:
        yield token, token.head
        token = token.head


def modality_of(anchor: Token, subjects: list[Token] | None = None) -> str:
    """The modality of the event whose predicate (or light verb) is ``anchor``.

    Signals are gathered up the clause chain; a claim anywhere above wins
    ("claims that Washington was pressing Ukraine to make concessions" is a
    claim all the way down), then negation, request, condition, intention.
    """
    if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ in _NOMINAL_DEPS:
        # a nominal predicate takes the modality of the verb it hangs from: "demanded that the US
        # match the EU's support" (requested), "did not accept Serbia's offer" (negated)
        head = anchor.head
        while head.dep_ in _NOMINAL_DEPS and head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        if head.pos_ in ("VERB", "AUX") and head.i != anchor.i:
            return modality_of(head)
    found: set[str] = set()
    if _negated(anchor) or any(d.lower_ in ("neither", "nor", "no") for s in subjects or [] for d in s.subtree):
        found.add("negated")
    aux = {c.lower_ for c in anchor.children if c.dep_ in ("aux", "auxpass")}
    if "would" in aux and anchor.dep_ == "ccomp" and base(anchor.head) in REPORT:
        aux = (aux - {"would"}) | {"will"}  # "said they would boycott": reported future, not a condition
    if aux & HYPOTHETICAL_AUX or any(m.lower_ in ("if", "unless") for m in anchor.children if m.dep_ == "mark"):
        found.add("hypothetical")
    if aux & OBLIGATION_AUX:
        found.add("requested")
    if aux & FUTURE_AUX or {"going"} <= aux:
        found.add("intended")
    if is_purpose(anchor):  # "will visit Senegal to mediate": a purpose, not yet done
        found.add("intended")
    direct = True  # only the nearest clause above decides request, intention and condition
    for child, head in _climb(anchor):
        lemma = base(head)
        if lemma in CLAIM and child.dep_ in ("acl", "ccomp", "relcl", "xcomp", "pcomp"):
            found.add("claimed")
        if lemma in ("report", "reports") and child.dep_ in ("acl", "ccomp") and base(head.head) in DENY:
            found.add("negated")  # "denied reports that New Delhi had rejected ...": the subject says it did not happen
        if lemma in ("deny", "dispute") and (child.dep_ == "ccomp" or child.dep_ == "xcomp" and child.tag_ == "VBG"):
            found.add("negated")  # "Russia denied that its missiles had struck Poland", "denied supplying drones"
        if direct and any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in head.children):
            found.add("requested")  # "the US must be ready to mediate"
        if direct and child.dep_ == "xcomp" and lemma in REFUSE:
            found.add("negated")  # "refused to meet", "failed to reach agreement"
        elif direct and (lemma in REQUEST or _request_noun_object(head, child)) and (
                child.dep_ == "xcomp" or is_requested_act(child) or (
                child.dep_ in ("ccomp", "acl") and any(m.lower_ == "that" for m in child.children if m.dep_ == "mark")
                or child.dep_ in ("ccomp", "acl") and child.tag_ == "VB" and not _modal(child))):  # not "told a rally: we will arrest"
            found.add("requested")  # "urged X to", "demanded that the US match ...", "its demand that Israel ease"
        elif direct and child.dep_ == "xcomp" and (lemma in INTEND or lemma in READY):
            found.add("negated" if _negated(head) else "intended")
        elif direct and child.dep_ in ("advcl", "ccomp") and any(
                m.lower_ in ("if", "unless") for m in child.children if m.dep_ == "mark"):
            found.add("hypothetical")
        if child.dep_ != "conj":
            direct = False
    for modality in ("claimed", "negated", "requested", "hypothetical", "intended"):
        if modality in found:
            return modality
    return "asserted"


# -- stated intentions, threats and refusals (coded as events of their own) -------------------

# A stated intention to act is coded too, as CAMEO does: intent to cooperate (03x, AGREE) or a threat (13x).
INTENT_CODES = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035",
                "14": "130", "15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}
# Verbs that turn a future sanction into a decision taken ("announced it would suspend aid").
DECIDED = {"announce", "decide", "declare", "confirm"}
# Verbs that refuse the act they govern: "declined to resign", "refused to meet".
REFUSING = {"refuse", "decline", "fail"}
# Cooperative acts whose negation is a rejection ("did not accept", "refused to allow").
ACCEPTING = {"accept", "agree", "approve", "endorse", "meet", "recognise", "recognize", "allow", "permit", "sign",
             "ratify", "reach", "grant", "admit"}


def _asked(anchor: Token) -> bool:
    """An act someone is asked to do, through "to" complements and bare "that" clauses ("urged
    them to refuse to meet", "demanded that its partners refuse to") — not "told a rally: we will not"."""
    token = anchor
    while token.head.i != token.i and (token.dep_ == "xcomp" or token.dep_ == "ccomp" and token.tag_ in ("VB", "VBP")
                                       and not _modal(token)):
        token = token.head  # "urged them to refuse to", "demanded that its partners refuse to"
        if base(token) in REQUEST:
            return True
    return False


def _modal(verb: Token) -> bool:
    """A verb under a modal of the future or of ability: "will arrest", "would not withdraw"."""
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll", "wo", "can", "could") for c in verb.children)


def _conditional(anchor: Token, root: str) -> bool:
    """An act promised on a condition is a threat: "unless" always, "if" for coercive acts
    ("may halt its mediation if cooperation founders")."""
    for c in anchor.children:
        if c.dep_ == "advcl":
            marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
            if "unless" in marks or ("if" in marks and root >= "15"):
                return True
    return False


def stated_intent(root: str, quad_class: int, modality: str, anchor: Token, pred: Token) -> tuple[str, str | None]:
    """The event's modality, and the CAMEO code of the statement of intent, threat or rejection
    the text makes of it (``None`` if none), for an event of CAMEO root ``root``."""
    # a stated intention is an event of its own; a purpose ("opened fire to disperse them") is not
    if modality == "intended" and root == "16" and anchor.dep_ in ("ccomp", "xcomp") \
            and base(anchor.head) in DECIDED:
        modality = "asserted"  # "announced it would prohibit all aid to the rebels": a sanction decided
    intent = INTENT_CODES.get(root) if modality == "intended" and not is_purpose(anchor) else None
    if modality in ("intended", "hypothetical") and _conditional(anchor, root):
        # "will withdraw its force unless the president arranges a ceasefire": a threat
        intent = INTENT_CODES.get(root) if root >= "14" else "130"
    elif modality == "negated" and quad_class in (1, 2) \
            and (base(pred) in ACCEPTING or anchor.dep_ == "xcomp" and base(anchor.head) in REFUSING
                 or root == "08" and _modal(anchor)) \
            and not _asked(anchor):  # not "urged them to refuse to"
        # "will not accept more refugees", "failed to reach agreement", "declined to resign", "we will not
        # withdraw": a rejection (CAMEO 12, refuse to yield)
        intent = "120"
    return modality, intent
