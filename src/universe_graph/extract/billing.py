"""How reviews bill an actor beside a part without a credit verb: "Michael Roe's Alfred, the butler",
"Woody (Tom Hanks, at his best)", "a teddy bear (Ned Beatty doing a warm drawl)", "Dana Lee as Ken is
the funniest thing here", and, once pronouns are read, "Heath Roe plays him with relish". Each says
that the actor acts, so the actor is a Person and the part a character of the work; a name the
story uses as someone acting, or a part that is no character, gives nothing."""

from __future__ import annotations

from typing import Any

from . import lexicon as lx
from .actors import credit_found
from .casting import Crediting, _name_ending
from .castlist import names_listed, part_entity
from .document import C, Doc, P, Sentence, glued_hyphen
from .mentions import in_comparison, story_tokens
from .relations import Found

#: what a film's makers own in a review: "Howard Roe's score", "Tak Roe's camera", "Jo Roe's
#: adaptation of Ann Lee's best-seller": the owner is a real person of the crew or an author
CRAFT_POSSESSIONS = frozenset(
    {"score", "music", "camera", "camerawork", "cinematography", "photography", "editing", "script",
     "screenplay", "direction", "adaptation", "film", "movie", "picture", "novel", "book", "best-seller",
     "bestseller", "production", "design", "costumes", "effects", "soundtrack", "debut", "filmography",
     "feature"}
)  # fmt: skip


#: words after a part that put it in another film ("A's Joker, back in B's 1989 film")
OTHER_VERSION_WORDS = frozenset(
    {"film", "movie", "version", "original", "adaptation", "series", "incarnation"}
)
#: nouns for an actor's part: "Robert Roe's character, Neil"
PART_WORDS = frozenset({"character", "role", "part", "alter", "counterpart"})


def billed_parts(run: Crediting) -> list[Found]:
    """Credits of brackets with an aside or a gerund, and of an actor's possessive."""
    doc = run.doc
    found: list[Found] = []
    for sent, tok in story_tokens(doc):
        pair = None
        if tok.text == "(" and tok.i > sent.span.start:
            pair = _bracket(doc, sent, tok)
        elif tok.dep_ == "poss" and tok.pos_ == "PROPN" and tok.head.pos_ == "PROPN":
            pair = _possessive(doc, sent, tok)
        elif tok.dep_ == "poss" and tok.pos_ == "PROPN" and tok.head.lemma_.lower() in PART_WORDS:
            pair = _owned_part(doc, sent, tok)
        elif tok.lemma_ == "be" and tok.tag_ == "VBZ" and tok.dep_ == "ROOT":
            pair = _copula(doc, sent, tok)
        if tok.dep_ == "poss" and tok.head.lemma_.lower() in CRAFT_POSSESSIONS:
            maker = _name_ending(sent.span, tok.i)  # "Howard Roe's score", "Jo Roe's adaptation"
            if maker is not None and _billed_name(doc, sent, maker):
                run.person(sent, maker)
        if pair is not None:
            found += _credit(run, sent, *pair)
    return found


def title_roles(run: Crediting) -> list[Found]:
    """ "Harrison Roe returns in the title role", "A plays the titular character": A plays the character
    the work is named after (the film's hero, or the character whose name opens the title: "Indiana
    Roe" of "Indiana Roe and the Last Crusade")."""
    doc = run.doc
    found: list[Found] = []
    part = _title_part(doc)
    if part is None:
        return found
    for sent in doc.sentences:
        if sent.heading:
            continue
        for noun in sent.span:
            if noun.lemma_ not in ("role", "character", "part") or noun.i == sent.span.start:
                continue
            if noun.nbor(-1).lower_ not in ("title", "titular", "eponymous") or in_comparison(
                doc, sent, noun.i
            ):
                continue
            verb = noun.head.head if noun.dep_ == "pobj" else noun.head
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            actor = _name_ending(sent.span, subj[0].i) if subj else None
            if actor is not None and any(t.ent_type_ == "PERSON" for t in actor):
                found += _credit(run, sent, part, actor)
    return found


def _title_part(doc: Doc) -> str | None:
    """The character the work is named after: its hero, else the longest character name that opens
    the title ("Indiana Roe" of "Indiana Roe and the Last Crusade")."""
    from .title_character import hero_key  # rules reads this module

    if doc.work_key is None:
        return None
    if hero_key(doc.work_key) in doc.ents:
        return hero_key(doc.work_key)
    title = doc.ents[doc.work_key].name.lower()
    best: tuple[int, str] | None = None
    for key, ent in doc.ents.items():
        if key == doc.work_key or ent.type is not C or ent.descriptive:
            continue
        for name in (ent.name, *ent.aliases):
            low = name.lower()
            if " " in low and title.startswith(low + " ") and (best is None or len(low) > best[0]):
                best = (len(low), key)
    return best[1] if best else None


def supporting_cast(run: Crediting) -> list[Found]:
    """ "It stars A and B, with C, D and E in supporting roles": after a star verb, the names listed
    after "with" are the work's cast too."""
    doc = run.doc
    found: list[Found] = []
    if doc.work_key is None:
        return found
    for sent in doc.sentences:
        if sent.heading:
            continue
        span = sent.span
        star = next((t for t in span if t.lower_ in ("stars", "starring", "co-stars", "co-starring")), None)
        if star is None:
            continue
        for w in (t for t in span if t.lower_ == "with" and t.i > star.i):
            names = names_listed(list(span.doc[w.i + 1 : span.end]))
            end = names[-1].end if names else w.i + 1
            tail = " ".join(t.lower_ for t in span.doc[end : min(span.end, end + 4)])
            if not names or not (tail.startswith("in ") and ("role" in tail or "part" in tail)):
                continue  # "with A and B in supporting roles"; a plain "with" may be a plot's
            for name in names:
                if 2 <= len(name) <= 4:  # the list says who ("Samuel L. Jackson" too)
                    key = doc.ref(sent, name[-1])
                    if key is not None and doc.ents[key].fixed not in (None, P):
                        continue
                    found.append(Found(doc.work_key, "cast_member", run.person(sent, name), sent.index, 0.8))
    return found


#: words after "cast" that list its actors: "a voice cast led by A", "the supporting cast, including A"
_CAST_LISTERS = frozenset({"including", "includes", "include", "featuring", "features", "led"})


def cast_groups(run: Crediting) -> list[Found]:
    """ "a voice cast led by A as a rabbit", "The supporting cast, including A, B and C, is memorable":
    the full names a cast is said to include (the NER's people) are the work's cast, not characters."""
    doc = run.doc
    found: list[Found] = []
    if doc.work_key is None:
        return found
    for sent, tok in story_tokens(doc):
        if tok.lemma_.lower() not in ("cast", "ensemble") or tok.pos_ != "NOUN":
            continue
        d, end = sent.span.doc, sent.span.end
        lister = next((t for t in d[tok.i + 1 : min(end, tok.i + 4)] if t.lower_ in _CAST_LISTERS), None)
        if lister is None or (
            lister.lower_ == "led" and (lister.i + 1 >= end or d[lister.i + 1].lower_ != "by")
        ):
            continue
        first = lister.i + 1 + (lister.lower_ == "led")
        for name in names_listed(list(d[first:end])):
            if name[0].ent_type_ != "PERSON" or glued_hyphen(d, name.end, end):
                continue  # "John Rhys-Davies" listed cut at the hyphen: not this name
            key = doc.ref(sent, name[-1])
            if key is not None and doc.ents[key].fixed not in (None, P):
                continue
            found.append(Found(doc.work_key, "cast_member", run.person(sent, name), sent.index, 0.8))
    return found


def gapped_parts(run: Crediting) -> list[Found]:
    """ "Neill plays the paleontologist Alan Grant, Dern the paleobotanist Ellie Sattler and Goldblum the
    mathematician Ian Malcolm": after a "plays", a credited actor (a Person already) right after a
    comma or "and", then "the" and a noun, then a character's name, plays that character."""
    doc = run.doc
    found: list[Found] = []
    for sent in doc.sentences:
        if sent.heading or not any(t.lemma_ in ("play", "portray") for t in sent.span):
            continue
        span, d = sent.span, sent.span.doc
        seen_play = False
        for tok in span:
            seen_play = seen_play or (tok.lemma_ in ("play", "portray") and tok.pos_ == "VERB")
            if not seen_play or tok.i - 1 < span.start or d[tok.i - 1].lower_ not in (",", "and", ";"):
                continue
            actor = doc.ref(sent, tok)
            if actor is None or doc.ents[actor].fixed is not P or tok.i + 2 >= span.end:
                continue
            copula = d[tok.i + 1].lower_ == "is"
            k = tok.i + 1 + copula  # "; Miles is Marion's sister Lila"
            named = doc.ref(sent, d[k]) if copula and k < span.end else None
            if (
                named is not None
                and doc.ents[named].type is C
                and named != actor
                and d[k].pos_ == "PROPN"
                and (k + 1 >= span.end or d[k + 1].tag_ != "POS")
            ):  # "and Ramis is Egon Spengler"
                found.append(Found(named, "portrayed_by", actor, sent.index, 0.8))
                continue
            if k + 1 < span.end and d[k].pos_ == "PROPN" and d[k + 1].tag_ == "POS":
                k += 2  # "Marion's sister Lila"
            elif d[k].lower_ in ("the", "his", "her", "their"):
                k += 1  # "the nurse Y", "her lover Sam Loomis"
            else:
                continue
            start = k
            while k < span.end and (
                (d[k].is_lower and d[k].pos_ in ("NOUN", "ADJ")) or d[k].ent_type_ == "NORP"
            ):
                k += 1  # "the American businessman X"
            part = doc.ref(sent, d[k]) if k < span.end and k > start else None
            if part is None or doc.ents[part].type is not C or part == actor:
                continue
            found.append(Found(part, "portrayed_by", actor, sent.index, 0.8))
    return found


#: words between an actor and "as X" that leave it a credit: "absolutely eats as X", "is hilarious as X"
_VERDICT_POS = frozenset({"ADV", "ADJ", "AUX", "VERB"})
#: verbs that make "as X" a name or a guise, not a part: "known as X", "dressed as X"
_NAMING_LEMMAS = frozenset({"know", "describe", "refer", "call", "dress", "see", "regard", "treat"})


def verdict_parts(run: Crediting) -> list[Found]:
    """ "Jennifer Roe absolutely eats as the Fairy Godmother and Rupert Vale is hilarious as Charming":
    read on the surface, where the parser takes "as" for a conjunction: an actor's full name (the NER's
    person, named nowhere else in the story), up to three verdict words (no guise verb), then "as"
    and a character's name."""
    doc = run.doc
    found: list[Found] = []
    for sent, tok in story_tokens(doc):
        if tok.lower_ != "as" or tok.i + 1 >= sent.span.end:
            continue
        d = sent.span.doc
        k = tok.i + 1 + (d[tok.i + 1].lower_ == "the")
        role = doc.ref(sent, d[k]) if k < sent.span.end else None
        if role is None or doc.ents[role].type is not C:
            continue
        j = tok.i - 1
        while j > sent.span.start and tok.i - j <= 3 and d[j].pos_ in _VERDICT_POS and d[j].is_lower:
            if d[j].lemma_ in lx.GUISE_VERBS or d[j].lemma_ in _NAMING_LEMMAS:
                break
            j -= 1
        else:
            if j == tok.i - 1 or d[j].pos_ != "PROPN":
                continue
            actor = _name_ending(sent.span, j)
            if actor is None or len(actor) < 2 or not _billed_name(doc, sent, actor):
                continue
            after = k + 1  # the end of the part's name
            while after < sent.span.end and doc.ref(sent, d[after]) == role:
                after += 1
            plural = any(t.tag_ == "VBP" or t.lower_ == "were" for t in d[actor.end : tok.i])  # "B are back"
            listed_actor = (
                plural and actor.start > sent.span.start and d[actor.start - 1].lower_ in (",", "and")
            )
            listed_part = (
                after + 1 < sent.span.end
                and d[after].lower_ == ","
                and doc.ref(sent, d[after + 1]) is not None
            )
            if listed_actor or listed_part:
                continue  # "A and B and C are back as X, Y and Z": lists the parser pairs, not this
            found += _credit(run, sent, role, actor)
    return found


def at_best_parts(run: Crediting) -> list[Found]:
    """ "Her neighbour, the accountant Louis Tully, is Rick Roe at his most helplessly funny": a part
    (the subject, or the name in apposition to it) "is" an actor's full name, then "at his (her)
    most/best ...", a verdict on a performance."""
    doc = run.doc
    found: list[Found] = []
    for sent, tok in story_tokens(doc):
        if tok.lower_ != "at" or tok.i + 2 >= sent.span.end or tok.head.lemma_ != "be":
            continue
        d = sent.span.doc
        if d[tok.i + 1].lower_ not in ("his", "her", "their") or d[tok.i + 2].lower_ not in ("most", "best"):
            continue
        actor = _name_ending(sent.span, tok.i - 1)
        if actor is None or len(actor) < 2 or not _billed_name(doc, sent, actor):
            continue
        subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
        named = [  # the subject, or a name in apposition to it ("Her neighbour, the accountant X,")
            k
            for t in (subj[0].subtree if subj else ())
            if (t.i == subj[0].i or t.dep_ == "appos") and (k := doc.ref(sent, t)) is not None
        ]
        if len(set(named)) == 1 and doc.ents[named[0]].type is C:
            found += _credit(run, sent, named[0], actor)
    return found


def pronoun_parts(run: Crediting) -> list[Found]:
    """ "The Joker is the last man standing, and Heath Roe plays him with relish": after pronouns are
    read, an actor's full name (named nowhere else in the story) plays the character the object
    pronoun stands for."""
    doc = run.doc
    found: list[Found] = []
    for sent in doc.sentences:
        if sent.heading:
            continue
        for verb in sent.span:
            if verb.lemma_ in lx.CREDIT_LEMMAS and verb.tag_ == "VBN":  # "He is played by Hugh Roe-Byrne"
                found += _passive_pronoun(run, sent, verb)
                continue
            if verb.lemma_ not in ("play", "portray") or verb.tag_ not in ("VBZ", "VBD", "VBP"):
                continue
            objs = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in ("him", "her")]
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            if len(objs) != 1 or len(subj) != 1 or in_comparison(doc, sent, verb.i):
                continue
            role = doc.ref(sent, objs[0])
            actor = _name_ending(sent.span, subj[0].i)
            if role is None or actor is None or not _billed_name(doc, sent, actor):
                continue
            found += _credit(run, sent, role, actor)
    return found


def _credit(run: Crediting, sent: Sentence, role: str, actor_run: Any) -> list[Found]:
    doc = run.doc
    ent = doc.ents.get(role)
    if ent is None or role == doc.work_key or ent.fixed not in (None, C) or ent.type is not C:
        return []
    actor = run.person(sent, actor_run)
    if actor == role:
        return []
    ent.fixed = C
    return credit_found(run, sent, role, actor)


def _billed_name(doc: Doc, sent: Sentence, run: Any) -> bool:
    """A person's full name the NER saw, named nowhere else in the story, or first named here (the
    credit introduces the actor; "Roe is superb" later is the review's), or typed a Person."""
    if not any(t.ent_type_ == "PERSON" for t in run):
        return False
    key = doc.ref(sent, run[-1])
    if key is None:
        return True
    ent = doc.ents[key]
    introduced = bool(ent.story) and ent.story[0][0] == sent.index
    return ent.fixed is P or (ent.fixed is None and (ent.in_story <= 1 or introduced))


def _bracket(doc: Doc, sent: Sentence, paren: Any) -> tuple[str, Any] | None:
    """ "Woody (Tom Hanks, at his best)": the part's name right before the bracket, the actor's full
    name opening it and an aside after a comma; "a teddy bear (Ned Beatty doing a drawl)": an actor's
    name and a gerund, for the clause's subject."""
    span, d = sent.span, sent.span.doc
    j = paren.i + 1
    while j < span.end and j < paren.i + 5 and d[j].is_title and d[j].is_alpha:
        j += 1
    if not 2 <= j - (paren.i + 1) <= 4 or j >= span.end:
        return None
    actor = d[paren.i + 1 : j]
    after = d[j]
    if after.text == ",":
        if not any(t.text == ")" for t in d[j + 1 : min(span.end, j + 15)]):
            return None
        before = d[paren.i - 1]
        if not (before.is_title and before.is_alpha) or not _billed_name(doc, sent, actor):
            return None
        role = doc.ref(sent, before) or part_entity(doc, sent, d[before.i : before.i + 1])
        return (role, actor) if role is not None else None
    if after.tag_ == "VBG" and _billed_name(doc, sent, actor):
        head = paren.nbor(-1)
        while head.pos_ not in ("VERB", "AUX") and head.head is not head:
            head = head.head
        subj = [c for c in head.children if c.dep_ == "nsubj"]
        who = subj[0] if subj else None
        if who is not None and who.lower_ in ("who", "that") and head.dep_ == "relcl":
            who = head.head  # "Lotso, a teddy bear who smells of berries (A doing a drawl)": the bear
            while doc.ref(sent, who) is None and who.dep_ == "appos":
                who = who.head  # ... who is Lotso
        role = doc.ref(sent, who) if who is not None else None
        return (role, actor) if role is not None else None
    return None


def _possessive(doc: Doc, sent: Sentence, owner: Any) -> tuple[str, Any] | None:
    """ "Michael Roe's Alfred, the butler who ...": a full name's possessive before a part that is a
    character (named elsewhere in the story, or set off by a person noun or "who"). "Tim Roe's Heat",
    a film-maker's film, has neither."""
    span, d = sent.span, sent.span.doc
    actor = _name_ending(span, owner.i)
    if actor is None or not _billed_name(doc, sent, actor):
        return None
    head = owner.head
    role = doc.ref(sent, head)
    if role is None or doc.ents[role].type is not C:
        return None
    if actor[-1].lower_ in doc.ents[role].name.lower().split():
        return None  # "Andy Goodwin's Grace Goodwin": a family's name, kin rather than a credit
    k = head.i + 1
    described = (
        k + 1 < span.end
        and d[k].text == ","
        and (
            d[k + 1].lower_ == "who"
            or any(t.lemma_.lower() in lx.PERSON_NOUNS for t in d[k + 1 : min(span.end, k + 4)])
        )
    )
    if not described and doc.ents[role].in_story < 2:
        return None
    for t in span.doc[k : min(span.end, k + 10)]:
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("acl", "relcl", "amod"):
            break
        if (t.like_num and len(t.text) == 4) or t.lemma_.lower() in OTHER_VERSION_WORDS:
            return None  # "Jack Roe's Joker, back in Tim Burton's 1989 film, was ...": another film's
    return role, actor


def _copula(doc: Doc, sent: Sentence, verb: Any) -> tuple[str, Any] | None:
    """ "Jodie Roe, who won an award for X, is Clarice Marsh, a trainee at ...": an actor's full name
    the text introduces here (first named in full in this sentence, seen by the NER as a person), set
    off by an aside, is a part named with a description after it. "Bill is Jame Gumb", a story's
    revelation, has no aside and no full name before "is"."""
    span = sent.span
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    attr = [c for c in verb.children if c.dep_ == "attr" and c.pos_ == "PROPN"]
    if len(subj) != 1 or len(attr) != 1 or any(c.dep_ == "neg" for c in verb.children):
        return None
    actor = _name_ending(span, subj[0].i)
    if actor is None or not any(t.ent_type_ == "PERSON" for t in actor):
        return None
    if actor.end >= span.end or span.doc[actor.end].text != ",":
        return None  # the aside that sets the actor off ("Jodie Roe, who ...,")
    key = doc.ref(sent, actor[-1])
    ent = doc.ents.get(key) if key is not None else None
    if ent is None or ent.fixed not in (None, P) or not ent.story or ent.story[0][0] != sent.index:
        return None
    role = doc.ref(sent, attr[0])
    last = attr[0].i + 1
    if role is None or last >= span.end or span.doc[last].text != ",":
        return None
    described = any(t.lemma_.lower() in lx.PERSON_NOUNS for t in span.doc[last + 1 : min(span.end, last + 4)])
    return (role, actor) if described else None


def _owned_part(doc: Doc, sent: Sentence, owner: Any) -> tuple[str, Any] | None:
    """ "Robert Roe's character, Neil, asks": a full name's part, named in apposition (or as the "of"
    of "the role of X")."""
    actor = _name_ending(sent.span, owner.i)
    if actor is None or not _billed_name(doc, sent, actor):
        return None
    noun = owner.head
    named = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > noun.i]
    named += [o for p in noun.children if p.lower_ == "of" for o in p.children if o.pos_ == "PROPN"]
    if not named and noun.i + 2 < sent.span.end and noun.nbor(1).text == ",":
        named = [noun.nbor(2)] if noun.nbor(2).pos_ == "PROPN" else []
    role = doc.ref(sent, named[0]) if named else None
    return (role, actor) if role is not None else None


def _passive_pronoun(run: Crediting, sent: Sentence, verb: Any) -> list[Found]:
    """ "The Citadel belongs to Joe. He is played by Hugh Roe-Byrne": once pronouns are read, the
    character a passive credit's pronoun subject stands for is played by the agent."""
    doc = run.doc
    subj = [c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ in ("he", "she")]
    agents = [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    if len(subj) != 1 or len(agents) != 1 or in_comparison(doc, sent, verb.i):
        return []
    role = doc.ref(sent, subj[0])
    actor = doc.ref(sent, agents[0])
    if role is None or actor is None or doc.ents[actor].fixed is not P:
        return []
    return credit_found(run, sent, role, actor)
