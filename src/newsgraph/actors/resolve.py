"""Find the actors of a parsed article and resolve each to a country and sector.

``ActorFinder.find`` is a pure function of a spaCy ``Doc`` (entities, parse,
lemmas), the knowledge base and the article's date. Its steps, in order:

1. people: knowledge-base office holders, NER persons, and capitalised name
   chains introduced by a role ("Uzbek foreign minister Rustam Karimov"),
   each with the country and role its surrounding words give;
2. later surname mentions ("Dr Donfried");
3. groups and institutions named by sector words ("Kremlin officials",
   "the US embassy in the Russian capital", "Medics at a hospital in Goma");
4. countries, seats of power and organisations named in the text, unless
   used as a place ("in Moscow") or as a modifier of a person or group;
5. coreference (``coref.py``): role descriptions, organisation descriptions
   and pronouns.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsgraph.actors import coref
from newsgraph.actors.context import (Context, KbSpans, adjective_country, read_context, sector_terms, sentence_of,
                                      sentence_span)
from newsgraph.actors.host import find_dateline, home_country
from newsgraph.actors.kb import Entity, KnowledgeBase, slug
from newsgraph.actors.names import NameMatcher
from newsgraph.actors.not_names import COMPASS, first_name, portfolio
from newsgraph.actors.variants import same_name, skeleton
from newsgraph.actors.words import WATERS, base, coarse, institution_heads, is_name_word
from newsgraph.records import Actor, Mention
from newsgraph.when_where.places import Place, load_gazetteer, run_on

__all__ = ["ActorFinder", "Draft"]

LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "throughout", "around", "within", "into",
            "over", "via", "beyond", "toward", "towards"}
# "flew to Kampala", "a visit to Moscow": the place someone goes to.
MOTION = {"fly", "travel", "go", "come", "return", "head", "move", "flee", "drive", "sail", "walk", "relocate",
          "arrive", "visit", "trip", "journey", "flight", "tour", "deploy", "evacuate"}
# Head nouns that name the entity itself: "the Nato bloc", "Xinhua news agency", "the US government".
SELF_HEADS = {"bloc", "alliance", "agency", "organisation", "organization", "body", "movement", "coalition",
              "government", "administration", "regime", "authorities", "authority", "state", "leadership"}
TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "dr": None, "prof": None, "professor": None,
          "sir": "m", "dame": "f", "lord": "m", "lady": "f", "sheikh": "m", "madam": "f", "mme": "f"}
PLACE_PREPS = {"in", "at", "from", "of", "on", "throughout", "across", "around"}
PREFIXES = {"ex", "pro", "anti", "non", "neo", "pan", "post", "pre", "then", "vice", "co"}  # "Ex-Guatemalan": no name
PARTICLES = {"bin", "bint", "al", "el", "de", "da", "dos", "van", "von", "der", "den", "la", "le", "du", "ibn", "abu"}


@dataclass
class Draft:
    """An actor being assembled from its mentions."""

    key: str
    name: str
    kind: str
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    role: str | None = None
    in_kb: bool = False
    gender: str | None = None
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start_char, end_char, method)
    heads: list[Token] = field(default_factory=list)

    def fill(self, ctx: Context) -> None:
        self.country = self.country or ctx.country
        self.org = self.org or ctx.org
        self.sector = self.sector or ctx.sector
        self.role = self.role or ctx.role

    def add(self, span: Span, method: str) -> None:
        if all(m[0] != span.start_char for m in self.mentions):
            self.mentions.append((span.start_char, span.end_char, method))
            self.heads.append(span.root)


LEADER_ROLES = {"president", "prime minister", "premier", "chancellor", "king", "emir", "shah", "sultan"}
LEADERS_BODIES = {"administration", "government", "regime", "cabinet", "junta"}
# Words after a party's name that make it a government portfolio: "Labour Minister", "Labor Department".
PORTFOLIO_HEADS = {"minister", "ministry", "secretary", "department", "dept", "spokesman", "spokeswoman", "spokesperson"}


class ActorFinder:
    """Holds the matcher built over the knowledge base's names; call ``find`` per doc."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.gazetteer = load_gazetteer()
        self.matcher = NameMatcher(kb.names, kb.names_key)

    def kb_spans(self, doc: Doc) -> KbSpans:
        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        found = []
        for span in filter_spans(spans):
            keys = self.kb.names.get(span.label_, [])
            if span.start >= 2 and doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ in ("anti", "pro"):
                continue  # "an anti-Syria journalist": a stance, not Syria acting or acted on
            if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in WATERS:
                continue  # "the Gulf of Oman" is a sea, not Oman
            if keys and self._names_a_thing(span, self.kb.entities[keys[0]]):
                continue  # "the Minsk Protocol" is a document, not Belarus
            if keys and first_name(span, self.kb.entities[keys[0]], self.kb):
                continue  # "Amal Saleh" is a woman, not the Amal movement; "Jordan Bardella" no country
            if keys and not self._inside_other_name(span, self.kb.entities[keys[0]]):
                found.append((span, self.kb.entities[keys[0]]))
        return KbSpans(found)

    def _names_a_thing(self, span: Span, entity: Entity) -> bool:
        """A place's name as the first word of a thing's name: "the Minsk Protocol", "Kabul
        Airport", "the Moscow State University" (the words of not_person_words.txt)."""
        if entity.kind not in ("country", "seat") or span.end >= len(span.doc):
            return False
        after = span.doc[span.end]
        return after.text[:1].isupper() and after.lower_ in self.kb.not_person and not self.kb.sector_of(base(after)) \
            and after.lower_ not in WATERS  # "the Taiwan Strait" is Taiwan's waters: a place, for the coder

    def _inside_other_name(self, span: Span, entity: Entity) -> bool:
        """"Marcos" in "Marcos Oliveira" is not Ferdinand Marcos; "Labour" in "Labour Minister"
        is a portfolio, not the Labour Party."""
        if entity.kind != "person" and span.end < len(span.doc) and span.doc[span.end].lower_ in PORTFOLIO_HEADS \
                and span.doc[span.end].text[:1].isupper():
            return entity.sector in ("PTY", "OPP")
        if entity.kind == "org" and span.start >= 2 and span.doc[span.start - 1].lower_ == "of" \
                and span.doc[span.start - 2].lower_ in institution_heads():
            return True  # "the General Confederation of Labour" is a union, not the Labour Party
        if entity.kind != "person" or len(span) > 1:
            return False
        doc = span.doc
        prev = doc[span.start - 1] if span.start > 0 else None
        before = prev is not None and is_name_word(prev) and prev.lower_.rstrip(".") not in TITLES \
            and not self.kb.sector_of(base(prev))  # "President Obama" is Obama
        after = span.end < len(doc) and (is_name_word(doc[span.end]) or _particle_name(doc, span.end))
        return before or after

    def find(self, doc: Doc, day: date | None = None, exclude: Sequence[str] = (),
             sentence_starts: Sequence[int] = ()) -> list[Actor]:
        dateline = find_dateline(doc.text, self.kb, self.gazetteer)
        kb_spans = self.kb_spans(doc)
        used: set[int] = set()
        if dateline is not None:  # "LONDON, Dec 7 (Reuters) -" names where and who filed, not actors
            kb_spans = KbSpans([(s, e) for s, e in kb_spans.spans if not dateline.start <= s.start_char < dateline.end])
            used = {t.i for t in doc.char_span(dateline.start, dateline.end, alignment_mode="expand")}
        drafts: dict[str, Draft] = {}
        bodies: set[str] = set()  # keys of the bodies _named_body makes, for "the agency said"
        persons = self._persons(doc, kb_spans, day, drafts, used, {n.lower() for n in exclude})
        self._surnames(doc, persons, used)
        home = home_country(doc, self.kb, kb_spans, dateline)
        roles = self._groups(doc, kb_spans, drafts, used, home, bodies)
        self._institutions(kb_spans, drafts, used)
        orgs = [d for d in drafts.values() if d.kind == "organisation" or d.key in bodies]  # "the agency said"
        for role in roles:
            role.home = home if role.ctx.sector in OFFICIAL_SECTORS - {"ELI"} | {"OPP", "PTY"} else None  # not "a former surgeon"
        coref.link(doc, drafts, persons, roles, orgs, used)
        self._officials_country(doc, persons, kb_spans)
        _one_country_officials(persons, drafts)
        for draft in persons:  # "WARSAW — … Interior Minister Tomasz Wierzbicki", "said Ghulam Rasool, 52"
            if home and draft.country is None and draft.org is None and draft.mentions:
                draft.country = home
        return _to_actors(drafts, doc, sentence_starts)

    def _officials_country(self, doc: Doc, persons: list[Draft], kb_spans: KbSpans) -> None:
        """An office holder the knowledge base does not know ("President Laurent Gbagbo announced
        a curfew in Abidjan") holds office in the one country their first sentence names; a
        president or prime minister called by a surname only one country's leaders bore
        ("President Bush") is that country's."""
        for draft in persons:
            if draft.country is not None or draft.sector not in OFFICIAL_SECTORS or not draft.heads:
                continue
            if len(draft.name.split()) == 1 and (draft.role or "").lower() in LEADER_ROLES and draft.name in self.kb.leader_surnames:
                draft.country = self.kb.leader_surnames[draft.name]
                continue
            sent = draft.heads[0].sent
            first = min(draft.mentions)  # the name's own words are no place; its role's may be ("Auckland Mayor")
            named_span = doc.char_span(first[0], first[1], alignment_mode="expand")
            mention = set(range(named_span.start, named_span.end)) if named_span is not None else {draft.heads[0].i}
            named = {self._country_of_tokens([t], kb_spans) for t in sent if t.i not in mention}
            named.discard(None)
            if len(named) == 1:
                draft.country = named.pop()

    # -- people ---------------------------------------------------------------------------

    def _person_spans(self, doc: Doc, kb_spans: KbSpans) -> list[tuple[Span, Entity | None]]:
        spans: list[tuple[Span, Entity | None]] = [(s, e) for s, e in kb_spans.spans if e.kind == "person"]
        spans += [(chain, None) for chain in self._name_chains(doc, set(kb_spans.by_token))]
        return sorted(spans, key=lambda x: x[0].start)

    def _name_chains(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Runs of capitalised proper nouns that read as a person's name ("Yuri Ushakov", "Mr Xi")."""
        chains, i = [], 0
        while i < len(doc):
            j = i
            while j < len(doc) and j not in taken and (is_name_word(doc[j]) or (j > i and _particle_name(doc, j))
                    or ((j > i + 1 or doc[i].lower_ not in PREFIXES) and j > i and _joined(doc, j))):  # "Marie-Claude", not "Ex-Guatemalan"
                j += 1
            if j > i:
                name = self._person_name(doc[i:j])
                if name is not None:
                    chains.append(name)
            i = max(j, i + 1)
        return chains

    def _person_name(self, chain: Span) -> Span | None:
        """The person's name in a run of capitalised words, without the role or title before it;
        None when the run is a place, an organisation or a title-case headline."""
        doc, start, end = chain.doc, chain.start, chain.end
        if portfolio(chain, self.kb) or chain[0].lower_ in COMPASS:
            return None  # "Assistant Minister", "West Darfur", "North Africa"
        titled = False  # a title or a role before the name lets one word be a name ("Mr Xi", "President Obama")
        for k in range(end - 2, start - 1, -1):  # "Anglican Archbishop Daniel Otieno": the name follows the role
            if self.kb.sector_of(base(doc[k])) and not doc[k].lower_ in self.kb.not_person:
                start, titled = k + 1, True
                break
        while start < end:
            word = doc[start]
            two = f"{word.lower_} {doc[start + 1].lower_}" if start + 1 < end else ""
            if word.lower_.rstrip(".") in TITLES:
                titled, start = True, start + 1
            elif two and self.kb.sector_of(two):
                titled, start = True, start + 2
            elif self.kb.sector_of(base(word)) and word.lower_ not in self.kb.not_person:  # "Radio Mitre" is no Mr Mitre
                titled, start = True, start + 1
            elif adjective_country(word, self.kb):
                start += 1
            else:
                break
        name = doc[start:end]
        if not (len(name) >= 2 or (len(name) == 1 and titled)) or len(name.text.split()) > 4:  # "al-Saadi" is one word
            return None
        if name[-1].tag_ in ("NNS", "NNPS") and adjective_country(name[-1], self.kb):
            return None  # "Young Algerians" is a people, not a person
        opener = 1 if len(name) > 1 and name[0].lower_ in self.kb.surnames_first else 0  # "Park Ji-hoon"
        if any(t.lower_ in self.kb.not_person for t in name[opener:]) or _title_case_sentence(name[0]):
            return None
        if any(t.ent_type_ in NOT_PERSON_ENTITIES for t in name):
            return None  # with [extract] ner: spaCy reads it as a place, an organisation or a thing
        if titled and len(name) == 1 and name.text in self.kb.leader_surnames:
            return name  # "President Bush", though a town is called Bush
        if self.gazetteer.lookup(name.text) or self.kb.names.get(name.text) or self.gazetteer.lookup(run_on(name)):
            return None  # "Croix-des-Bouquets" is a town
        return name

    def _persons(self, doc: Doc, kb_spans: KbSpans, day: date | None, drafts: dict[str, Draft],
                 used: set[int], excluded: set[str]) -> list[Draft]:
        """Named people, in text order, with the country and role their context gives."""
        order: list[Draft] = []
        for span, entity in self._person_spans(doc, kb_spans):
            if span.text.lower() in excluded or not span.text[:1].isupper():
                continue
            mention, gender = _with_title(doc, span)
            ctx = read_context(doc, mention.start, span.root, self.kb, kb_spans, used)
            variant = self._variant(span, drafts, ctx) if entity is None else None
            if isinstance(variant, Entity):
                entity = variant
            draft = variant if isinstance(variant, Draft) else self._person_draft(span, entity, ctx, day, drafts)
            draft.fill(ctx)
            draft.add(mention, "name-variant" if variant is not None else _person_method(span, mention, entity, ctx, draft))
            draft.gender = draft.gender or gender or coref.given_gender(span.text)
            used.update(range(mention.start, mention.end))
            used.update(ctx.tokens)
            if draft not in order:
                order.append(draft)
        return order

    def _variant(self, span: Span, drafts: dict[str, Draft], ctx: Context) -> Draft | Entity | None:
        """The person an unknown name is another spelling of (actors/variants.py): one named
        before in the article ("Moammar Gadhafi" after "Muammar Gaddafi"), else one the
        knowledge base knows of the country the words give, if any; a lone surname only one
        named before ("Tokaev"). Never where the name is spelt as named before."""
        if drafts.get(f"person:{slug(span.text)}") is not None or coref.same_person(span, drafts) is not None:
            return None
        for draft in reversed(list(drafts.values())):
            if draft.kind == "person" and same_name(span.text, draft.name, surname_only=len(span) == 1):
                return draft
        if len(span) < 2:
            return None
        for key in self.kb.surname_keys.get(skeleton(span.text), ()):
            entity = self.kb.entities[key]
            if same_name(span.text, entity.name, strict=True) and ctx.country in (None, entity.country):
                return entity
        return None

    def _person_draft(self, span: Span, entity: Entity | None, ctx: Context, day: date | None,
                      drafts: dict[str, Draft]) -> Draft:
        if entity is not None and len(span) == 1 and entity.key not in drafts:
            same = coref.same_person(span, drafts)  # "Echeverría wrote" after "Martín Echeverría": not the KB's Luis
            if same is not None and not same.in_kb:
                same.fill(ctx)
                return same
        if entity is not None:
            draft = drafts.get(entity.key)
            if draft is None:
                country, sector, role = entity.at(day)
                draft = drafts[entity.key] = Draft(entity.key, entity.name, "person", country, entity.org_at(day),
                                                   sector, role, True)
                if ctx.former and draft.sector != "ELI":
                    draft.sector, draft.role = "ELI", ctx.role or draft.role
                elif draft.sector in ("ELI", None) and ctx.has_role and ctx.sector not in (None, "ELI"):
                    # the words give the office they hold now ("opposition leader Peter Dutton"),
                    # which outranks the knowledge base's last known one
                    draft.sector, draft.role = ctx.sector, ctx.role
                draft.fill(ctx)
            return draft
        same = coref.same_person(span, drafts)
        if same is not None:
            same.fill(ctx)
            return same
        key = f"person:{slug(span.text)}"
        draft = drafts.get(key) or drafts.setdefault(key, Draft(key, span.text, "person"))  # named again in full
        draft.fill(ctx)
        return draft

    def _surnames(self, doc: Doc, persons: list[Draft], used: set[int]) -> None:
        """Later surname mentions the NER missed: "Dr Donfried" after "Karen Donfried"."""
        words = _surname_words(persons)
        for token in doc:
            if token.i in used or coarse(token) != "PROPN":
                continue
            draft, method = words.get(token.text), None
            if draft is None and len(token.text) > 3 and token.text[:1].isupper():  # "Tokaev" after "Tokayev"
                draft = next((d for d in reversed(persons) if len(d.name.split()) > 1
                              and same_name(token.text, d.name, surname_only=True)), None)
                method = "name-variant"
            if draft is None or token.idx <= min(m[0] for m in draft.mentions):
                continue
            first = token.i - 2 if token.i >= 2 and doc[token.i - 1].text == "-" and _joined(doc, token.i) else token.i
            mention, gender = _with_title(doc, doc[first: token.i + 1])  # "Al-Otaibi" whole
            draft.add(mention, method or ("title-surname" if len(mention) > 1 else "surname"))
            draft.gender = draft.gender or gender
            used.update(range(mention.start, mention.end))

    # -- groups and institutions ------------------------------------------------------------

    def _groups(self, doc: Doc, kb_spans: KbSpans, drafts: dict[str, Draft], used: set[int],
                home: str | None, bodies: set[str]) -> list[coref.RoleMention]:
        """Groups and institutions named by their sector words ("Russian foreign ministry officials");
        returns the singular role nouns ("the adviser", "a Nigerian army colonel") for coreference."""
        roles: list[coref.RoleMention] = []
        for token in doc:
            if token.i in used or coarse(token) not in ("NOUN", "PROPN") or token.dep_ in ("compound", "amod"):
                continue
            if kb_spans.at(token.i) or (token.dep_ == "poss" and _head_term(doc, token.head, self.kb)):
                continue  # "teachers'" in "teachers' union" is a modifier
            terms = _head_term(doc, token, self.kb)
            if not terms:
                if not self._named_body(doc, token, kb_spans, drafts, used, home, bodies):
                    self._people_group(doc, token, kb_spans, drafts, used)
                continue
            ctx = read_context(doc, token.i, token, self.kb, kb_spans, used, include_head=True)
            person = token.tag_ not in ("NNS", "NNPS") and terms[-1][1].kind == "role"
            ctx.country = self._residence(token, kb_spans) or ctx.country or self._leaders_body(token)
            if ctx.country is None:
                # a group takes the country it is in; people on the ground ("gunmen", "protesters",
                # "police") also the place the sentence names; a person only their own
                ctx.country = self._place_country(token, kb_spans, whole_sentence=_local_group(token, ctx))
            if person:
                roles.append(coref.RoleMention(token, ctx))
                continue
            if ctx.country is None and coarse(token) == "NOUN":
                ctx.country = self._owner_of(token, kb_spans) or (
                    self._discourse_country(doc, token, kb_spans) if _unqualified(token, ctx) else None)
            elif ctx.country is None and terms[-1][1].kind == "org" and token.dep_ in BODY_DEPS:  # "the Interior Ministry said"
                ctx.country = self._owner_of(token, kb_spans) or self._discourse_country(doc, token, kb_spans) or home
            if ctx.country is None and home and _local_group(token, ctx):
                ctx.country = home  # "residents said", "police said" in a story from home
            if ctx.country is None and not _countryless_actor(token):
                continue  # a group with no country is an actor only where it acts or is acted on
            span = _group_phrase(doc, token, ctx, institution=terms[-1][1].kind == "org")
            key = f"group:{ctx.country}:{ctx.sector}:{slug(base(token))}"
            draft = drafts.get(key) or (_named_before(token, ctx, drafts) if ctx.country is None else None)
            if draft is None:
                draft = drafts[key] = Draft(key, _strip_det(span).text, "group", ctx.country, ctx.org,
                                            ctx.sector, ctx.role, False)
            draft.add(span, "sector-words")
            used.add(token.i)
            used.update(t for t in ctx.tokens if not (kb_spans.at(t) and kb_spans.at(t)[1].kind != "country"))
        return roles

    def _named_body(self, doc: Doc, token: Token, kb_spans: KbSpans, drafts: dict[str, Draft], used: set[int],
                    home: str | None, bodies: set[str]) -> bool:
        """A public body the knowledge base does not know, named in capitals where it acts or is
        acted on ("the Bureau of Meteorology warned"), its key added to ``bodies``: its country is
        its words' or its owner's, else the story's home, else the one the text spoke of before it."""
        sector = institution_heads().get(token.lower_)
        if sector is None or coarse(token) != "PROPN" or token.dep_ not in BODY_DEPS or _title_case_sentence(token):
            return False
        ctx = read_context(doc, token.i, token, self.kb, kb_spans, used, include_head=True)
        named = ctx.tokens or any(c.dep_ == "prep" and c.lower_ == "of" and any(coarse(o) == "PROPN" for o in c.children)
                                  for c in token.rights)
        country = ctx.country or self._owner_of(token, kb_spans) or home or self._discourse_country(doc, token, kb_spans, ahead=False)
        if country is None or not named:
            return False  # "the Commission" alone is no name; "the Bureau of Meteorology" is
        span = _group_phrase(doc, token, ctx, institution=True)
        name = _strip_det(span).text
        key = f"group:{country}:{sector}:{slug(name)}"
        draft = drafts.setdefault(key, Draft(key, name, "group", country, ctx.org, sector, None, False))  # its head says what it is
        bodies.add(key)
        draft.add(span, "sector-words")
        used.update([token.i, *ctx.tokens])
        return True

    def _people_group(self, doc: Doc, token: Token, kb_spans: KbSpans, drafts: dict[str, Draft], used: set[int]) -> None:
        """A plural demonym as a group: "Displaced Gazans", "the Russians"; a people qualified by
        a country's demonym takes that country: "Iraqi Kurds", "Bosnian Serbs"."""
        country = adjective_country(token, self.kb)
        if country is None and token.text[:1].isupper() and token.tag_ in ("NNS", "NNPS"):
            country = next((c for c in (adjective_country(t, self.kb) for t in token.lefts
                                        if t.dep_ in ("amod", "compound") and t.text[:1].isupper()) if c), None)
        if country is None or token.tag_ not in ("NNS", "NNPS") or token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"):
            return
        ctx = read_context(doc, token.i, token, self.kb, kb_spans, used)
        country = self._residence(token, kb_spans) or self._people_in(token, kb_spans) or country
        span = _group_phrase(doc, token, ctx)
        key = f"group:{country}:{ctx.sector}:{slug(base(token))}"
        draft = drafts.setdefault(key, Draft(key, _strip_det(span).text, "group", country, None, ctx.sector, ctx.role))
        draft.add(span, "demonym")
        used.add(token.i)

    def _leaders_body(self, head: Token) -> str | None:
        """"the Bush administration", "the Mitterrand government": a leader's government."""
        if base(head) not in LEADERS_BODIES:
            return None
        for c in head.lefts:
            if c.dep_ in ("compound", "poss") and coarse(c) == "PROPN" and c.text in self.kb.leader_surnames:
                return self.kb.leader_surnames[c.text]
        return None

    def _people_in(self, head: Token, kb_spans: KbSpans) -> str | None:
        """A people named with where they live is coded there, as CAMEO codes ethnic actors: "the
        Albanians of southern Serbia", "Kurds in Iraq"."""
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                country = self._country_of_tokens([t for t in child.subtree if t.i != child.i], kb_spans)
                if country:
                    return country
        return None

    def _residence(self, head: Token, kb_spans: KbSpans) -> str | None:
        """An ethnic group is coded to the state it lives in, as CAMEO codes ethnic actors:
        "ethnic Albanians in south Serbia" are Serbia's; None if the sentence names no place."""
        if not any(c.lower_ == "ethnic" and c.dep_ in ("amod", "compound") for c in head.lefts):
            return None
        own = {t.i for t in head.subtree if t.i <= head.i}
        places = [t for t in head.sent if t.i not in own and (coarse(t) == "PROPN" or kb_spans.at(t.i))
                  and not adjective_country(t, self.kb)]
        places.sort(key=lambda t: abs(t.i - head.i))  # the nearest place the sentence names
        return next((c for c in (self._country_of_tokens([t], kb_spans) for t in places) if c), None)

    def _place_country(self, head: Token, kb_spans: KbSpans, whole_sentence: bool) -> str | None:
        """The country of a place the group is in ("Medics at a hospital in Goma"), else of the
        first place the sentence names."""
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                country = self._country_of_tokens(list(child.subtree), kb_spans)
                if country:
                    return country
        if not whole_sentence:
            return None
        verb = head.head if coarse(head.head) == "VERB" else None
        for child in verb.children if verb is not None else ():  # "killed 12 people in Gaza", though Israel came first
            if child.dep_ == "prep" and child.lower_ in LOCATIVE:
                country = self._country_of_tokens(list(child.subtree), kb_spans)
                if country:
                    return country
        places = [t for t in head.sent if coarse(t) == "PROPN" or kb_spans.at(t.i)]
        return self._country_of_tokens(places, kb_spans)

    def _owner_of(self, head: Token, kb_spans: KbSpans) -> str | None:
        """The country (or IGO, NGO) of what a group is from or of: "a delegation from the UN
        human rights office", "members of the Ghanaian parliament"."""
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("from", "of"):
                hits = [kb_spans.at(t.i) for t in child.subtree if kb_spans.at(t.i)]
                if hits and hits[0][1].country:
                    return hits[0][1].country
        return None

    def _discourse_country(self, doc: Doc, head: Token, kb_spans: KbSpans, ahead: bool = True) -> str | None:
        """The country a group named by its sector words alone belongs to: the one the text was
        just speaking of ("Argentina's president ... the government", "Kenya ... its troops") —
        the nearest before it in its sentence or the one before, else (``ahead``) the first after
        it in its sentence."""
        sent = sentence_span(head)
        previous = sentence_span(doc[sent.start - 1]) if sent.start > 0 else sent
        own = {t.i for t in head.subtree}
        before = [t for t in reversed(doc[previous.start:head.i]) if t.i not in own]
        after = [t for t in doc[head.i + 1:sent.end] if t.i not in own] if ahead else []
        for token in (*before, *after):
            country = self._country_of_tokens([token], kb_spans) if kb_spans.at(token.i) or adjective_country(token, self.kb) else None
            if country:
                return country
        return None

    def _country_of_tokens(self, tokens: list[Token], kb_spans: KbSpans) -> str | None:
        for t in tokens:
            hit = kb_spans.at(t.i)
            if hit and hit[1].kind in ("country", "seat", "institution"):
                return hit[1].country
            country = adjective_country(t, self.kb)
            if country:
                return country
            if coarse(t) == "PROPN":
                place = self._place_at(t)
                if place and place.country_iso2 in self.kb.iso2:
                    return self.kb.iso2[place.country_iso2]
        return None

    def _owner_country(self, span: Span, kb_spans: KbSpans) -> str | None:
        owner = _owner(span)
        hit = kb_spans.at(owner.i) if owner is not None else None
        return hit[1].country if hit and hit[1].kind == "country" else None

    def _foreign_namesake(self, span: Span, entity: Entity, country: str, drafts: dict[str, Draft]) -> None:
        """A national body named like another country's ("Peru's Congress", "New Zealand's Labour Party")."""
        key = f"group:{country}:{entity.sector}:{slug(span.text)}"
        draft = drafts.setdefault(key, Draft(key, f"{self.kb.country_names.get(country, country)} {span.text}",
                                             "group", country, None, entity.sector))
        draft.add(_self_phrase(span), "possessor-country")

    def _place_at(self, token: Token) -> Place | None:
        """The gazetteer's place named by the proper nouns starting at ``token`` ("Port Moresby")."""
        doc = token.doc
        if token.i > 0 and coarse(doc[token.i - 1]) == "PROPN" and doc[token.i - 1].dep_ == "compound":
            return None  # the start of the name is further left
        if token.lower_ in self.kb.not_person:
            return None  # "University" (of Nairobi) is no town
        end = token.i + 1
        while end < len(doc) and end - token.i < 4 and coarse(doc[end]) == "PROPN":
            end += 1
        for stop in range(end, token.i, -1):
            place = self.gazetteer.lookup(doc[token.i:stop].text)
            if place is not None:
                return self.gazetteer.lookup(run_on(doc[token.i:stop])) or place  # "Croix-des-Bouquets", not Croix
        return None

    def _institutions(self, kb_spans: KbSpans, drafts: dict[str, Draft], used: set[int]) -> None:
        """Countries, seats of power and organisations named in the text."""
        for span, entity in kb_spans.spans:
            if entity.kind == "person":
                continue
            if entity.kind in ("country", "seat") and _locative(span):
                continue
            if entity.kind == "country" and any(i in used for i in range(span.start, span.end)):
                continue  # "US" in "US president Joe Biden" is the person's nationality
            owner = self._owner_country(span, kb_spans)
            if owner and entity.kind != "country" and entity.country not in (owner, "IGO", "NGO"):
                self._foreign_namesake(span, entity, owner, drafts)  # "Peru's Congress"
                continue
            mention = _self_phrase(span)
            kind = {"country": "country", "seat": "institution", "institution": "institution", "org": "organisation"}[entity.kind]
            draft = drafts.get(entity.key)
            if draft is None:
                # an organisation the knowledge base gives no country ("Islamic Salvation Front")
                # is of the country the text says it belongs to, or the one it was speaking of
                country = entity.country or owner or self._discourse_country(span.doc, span.root, kb_spans)
                draft = drafts[entity.key] = Draft(entity.key, entity.name, kind, country, entity.org,
                                                   entity.sector, None, True)
            method = "kb-org" if entity.kind == "org" else "kb-country" if entity.kind == "country" else "kb-seat"
            if entity.kind == "country" and span.text in self.kb.capitals:
                method = "capital-metonym"
            draft.add(mention, method)
            used.update(range(mention.start, mention.end))


def _surname_words(persons: list[Draft]) -> dict[str, Draft]:
    """The words a person named in full may later be called by alone: each name word after the
    first ("Donfried"), the last part of a hyphenated one ("Otaibi" of "Al-Otaibi"), and a family
    name written first before a hyphenated given name ("Park" of "Park Ji-hoon")."""
    words: dict[str, Draft] = {}
    for d in persons:
        parts = d.name.split()
        words.update({w: d for w in parts[1:] if len(w) > 2})
    for d in persons:
        parts = d.name.split()
        words.update({w.split("-")[-1]: d for w in parts[1:] if "-" in w and len(w.split("-")[-1]) > 2})
    for d in persons:
        parts = d.name.split()
        if len(parts) == 2 and "-" in parts[1] and parts[1][:1].isupper() and parts[1].split("-")[1][:1].islower():
            words[parts[0]] = d
    return words


def _one_country_officials(persons: list[Draft], drafts: dict[str, Draft]) -> None:
    """An office holder with no country in an article that has so far spoken of one country
    only ("Egyptian Irrigation Minister Ahmed Hassan … Opposition lawmaker Mona Hassan") holds
    office there."""
    for draft in persons:
        if draft.country is not None or draft.sector not in OFFICIAL_SECTORS | {"OPP", "PTY"} or not draft.mentions:
            continue
        first = min(m[0] for m in draft.mentions)
        seen = {d.country for d in drafts.values() if d.country and d.country not in ("IGO", "NGO")
                and d.mentions and min(m[0] for m in d.mentions) < first}
        if len(seen) == 1:
            draft.country = seen.pop()


def _named_before(head: Token, ctx: Context, drafts: dict[str, Draft]) -> Draft | None:
    """"The ministry said" after "the Lebanese Health Ministry": the body of that name and sector
    named before, when the words are definite and add nothing to it."""
    det = next((c for c in head.children if c.dep_ == "det"), None)
    if det is None or det.lower_ not in ("the", "this", "that") or ctx.tokens:
        return None
    tail = f":{ctx.sector}:{slug(base(head))}"
    return next((d for d in reversed(list(drafts.values())) if d.kind == "group" and d.key.endswith(tail)), None)


def _owner(span: Span) -> Token | None:
    """The possessor of a name: "Peru" in "Peru's Congress"."""
    for token in (span.root, *span.root.ancestors):
        for child in token.children:
            if child.dep_ == "poss" and child.i < span.start:
                return child
        if token.dep_ != "compound":
            break
    return None


def _title_case_sentence(token: Token) -> bool:
    """A headline in Title Case, where capitals say nothing about names."""
    words = [t for t in token.sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.is_title for t in words) / len(words) > 0.8


# Groups known by what they do where they are: a sentence's place is theirs ("Gunmen killed ... in Zamfara").
LOCAL_SECTORS = {"UAF", "CRM", "CVL", "REF", "HLH", "EDU", "REL", "COP", "LAB", "AGR", "BUS", "JUD", "MIL", "REB", "PRM"}
# How many of a group: says nothing of where they are from ("several women" protesting in Kabul).
QUANTIFIERS = {"both", "certain", "some", "all", "many", "several", "these", "those"}
# Determiners and modifiers that make a group unspecific ("both leaders", "certain international forces").
UNSPECIFIC = {"both", "certain", "some", "all", "many", "several", "these", "those", "their", "our", "its", "his",
              "her", "international", "foreign", "western", "other", "such", "any", "no"}


ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "agent", "dative", "appos", "conj"}
# Where a named body acts or is acted on ("the Interior Ministry said"), not the object of another's "of"
BODY_DEPS = ARGUMENT_DEPS - {"pobj"} | {"agent"}


PERSONAL = {"his", "her", "my", "your", "our"}
NOT_PERSON_ENTITIES = {"GPE", "LOC", "FAC", "ORG", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART", "NORP"}


def _countryless_actor(head: Token) -> bool:
    """Whether a group whose country the text does not give is still an actor: a common noun
    that acts or is acted on (a verb's subject or object, or a preposition's object), named as a
    group ("protesters", "the company"), not a person's thing ("his jet") or "a" one of many."""
    if coarse(head) != "NOUN" or head.dep_ not in ARGUMENT_DEPS:
        return False
    if not any(coarse(h) == "VERB" for h in islice(head.ancestors, 3)):
        return False
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
    return not dets & PERSONAL and not (head.tag_ == "NN" and dets & {"a", "an", "another"})


def _unqualified(head: Token, ctx: Context) -> bool:
    """A group named by its sector words alone ("the government", "its troops", "police"), not
    one its words keep apart from any one country ("foreign troops", "western governments")."""
    modifiers = {c.lower_ for c in head.children if c.i < head.i} | {head.doc[i].lower_ for i in ctx.tokens}
    return not modifiers & (UNSPECIFIC - {"its", "their"}) and ctx.org is None


def _local_group(head: Token, ctx: Context) -> bool:
    if head.tag_ not in ("NNS", "NNPS") and ctx.sector not in ("UAF", "CRM", "COP", "JUD"):
        return False
    modifiers = {c.lower_ for c in head.children if c.i < head.i} | {head.doc[i].lower_ for i in ctx.tokens}
    return ctx.sector in LOCAL_SECTORS and not modifiers & (UNSPECIFIC - QUANTIFIERS)  # "several women" in Kabul are local


def _head_term(doc: Doc, token: Token, kb: KnowledgeBase) -> list:
    """The sector term that ends at ``token`` (one word or several: "foreign ministry")."""
    if token.lower_ not in kb.term_ends and base(token) not in kb.term_ends:
        return []
    sid = sentence_of(token)
    window = [t for t in doc[max(0, token.i - 3): token.i + 1] if sentence_of(t) == sid]
    return [x for x in sector_terms(window, kb) if x[0] == len(window) - 1]


def _strip_det(span: Span) -> Span:
    return span[1:] if len(span) > 1 and coarse(span[0]) == "DET" else span


QUANTITIES = {"hundreds", "thousands", "dozens", "scores", "tens", "millions", "handful", "crowd", "crowds", "group",
              "groups", "number", "band", "busload", "boatload"}


def _quantity(head: Token) -> Token | None:
    """The quantity a group is counted by: "Hundreds" in "Hundreds of protesters"."""
    of = head.head
    if head.dep_ == "pobj" and of.lower_ == "of" and of.head.i < head.i and (
            of.head.lower_ in QUANTITIES or coarse(of.head) == "NUM"):
        return of.head
    return None


def _group_phrase(doc: Doc, head: Token, ctx: Context, institution: bool = False) -> Span:
    """Determiner, modifiers, head and a short "of" phrase ("Leaders of Fiji's Methodist Church");
    an institution keeps its place too ("the US embassy in the Russian capital"); a group counted
    by a quantity starts with it ("hundreds of civilians")."""
    start = min([head.i, *ctx.tokens])
    if start > 0 and doc[start - 1].dep_ in ("det", "poss") and doc[start - 1].head == head:
        start -= 1
    quantity = _quantity(head)
    if quantity is not None and start == quantity.i + 2:
        start = min([quantity.i, *(c.i for c in quantity.lefts if c.dep_ in ("det", "amod", "nummod", "advmod"))])
    end = head.i + 1
    preps = ("of", "in", "to", "for") if institution else ("of",)  # "the State Committee for National Security"
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in preps and child.i == end:
            sub = list(child.subtree)
            sub = sub[:next((k for k, t in enumerate(sub) if t.is_punct and t.text != "-"), len(sub))]  # not "(CGT)"
            if 1 < len(sub) <= 5:
                end = sub[-1].i + 1
    return doc[start:end]


def _person_method(span: Span, mention: Span, entity: Entity | None, ctx: Context, draft: Draft) -> str:
    if mention.start < span.start:
        return "title-surname"
    if entity is not None:
        return "kb-name" if span.text == entity.name else "kb-alias"
    if draft.mentions and len(span) == 1:
        return "surname"
    return "name-with-role" if ctx.role else "name"


def _with_title(doc: Doc, span: Span) -> tuple[Span, str | None]:
    """Extend a name leftwards over a title ("Mr Putin"); the title's gender."""
    if span.start > 0:
        key = doc[span.start - 1].lower_.rstrip(".")
        if key in TITLES:
            return doc[span.start - 1: span.end], TITLES[key]
    return span, None


def _locative(span: Span) -> bool:
    """A place where something happens ("in Moscow"), not an actor."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "to" and base(root.head.head) in MOTION:
        return True
    return root.dep_ == "conj" and root.head.dep_ == "pobj" and root.head.head.lower_ in LOCATIVE


def _self_phrase(span: Span) -> Span:
    """Extend "Nato" to "the Nato bloc" and "Xinhua" to "Xinhua news agency"."""
    doc, head = span.doc, span.root.head
    if span.root.dep_ == "compound" and head.i >= span.end and base(head) in SELF_HEADS \
            and all(t.dep_ in ("compound", "amod") for t in doc[span.end: head.i]):
        start = span.start
        if start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
        return doc[start: head.i + 1]
    if span.start > 0 and doc[span.start - 1].lower_ == "the" and doc[span.start - 1].head == span.root:
        return doc[span.start - 1: span.end]
    return span


OFFICIAL_SECTORS = {"GOV", "JUD", "LEG", "MIL", "COP", "ELI"}


def _particle_name(doc: Doc, j: int) -> bool:
    """A particle that goes on with a name: "bin Salman", "al-Jaburi", "de la Cruz"."""
    if doc[j].lower_ not in PARTICLES or j + 1 >= len(doc):
        return False
    nxt = doc[j + 2] if doc[j + 1].text == "-" and not doc[j].whitespace_ and j + 2 < len(doc) else doc[j + 1]
    return is_name_word(nxt) or nxt.lower_ in PARTICLES


def _joined(doc: Doc, j: int) -> bool:
    """A hyphenated name goes on through its hyphen: "Al-Mabrouk", "Wei-ming"."""
    t = doc[j]
    if t.text == "-":
        return not doc[j - 1].whitespace_ and not t.whitespace_ and j + 1 < len(doc) and doc[j + 1].text[:1].isalpha()
    return doc[j - 1].text == "-" and not doc[j - 1].whitespace_ and t.text.isalpha() and j >= 2 \
        and is_name_word(doc[j - 2])


def _code(draft: Draft) -> str | None:
    if draft.country == "IGO" and draft.org:
        return f"IGO{draft.org}"
    if draft.country is None:
        return None
    return draft.country + (draft.sector or "")


def _to_actors(drafts: dict[str, Draft], doc: Doc, sentence_starts: Sequence[int]) -> list[Actor]:
    actors = []
    text = doc.text
    for draft in drafts.values():
        if not draft.mentions:
            continue
        mentions = tuple(
            Mention(text=text[s:e], start=s, end=e, sentence=max(0, bisect_right(sentence_starts, s) - 1), method=m)
            for s, e, m in sorted(draft.mentions)
        )
        actors.append(Actor(
            id=draft.key, name=draft.name, kind=draft.kind, code=_code(draft), country=draft.country,
            org=draft.org, sector=draft.sector, role=draft.role, in_kb=draft.in_kb, mentions=mentions,
        ))
    actors.sort(key=lambda a: a.mentions[0].start)
    return actors
