"""The reviewer's commentary that names things outside the story, marked like a comparison.

An actor's other roles ("unlike the villain he played in [Film]", "has dropped his [Character]
voice") and the reviewer's own fandom ("I am a lifelong fan of the [X] books", "as a fan of [X]")
name works and characters of other stories; their tokens join `doc.comparison`, so the names there
stay out of the universe (`in_universe: false`) and no relation or event is read from them.
"""

from __future__ import annotations

from typing import Any

from . import lexicon as lx
from .document import Doc, Sentence
from .rivals import outside_titles, rival_scopes

#: verbs of an actor's part in a work ("the villain he played in X", "her turn she starred in in X")
ROLE_VERBS = frozenset({"play", "star", "portray", "voice", "appear"})
#: nouns of an actor's manner carried over from another part ("his X voice", "her X accent")
MANNER_NOUNS = frozenset({"voice", "accent", "persona", "drawl", "shtick", "swagger", "mannerisms", "growl"})
#: nouns of a reviewer's fandom ("a fan of X")
FAN_NOUNS = frozenset({"fan", "fans", "admirer", "devotee", "lover"})
#: verbs of a work's premiere: where it premiered is the world's, not the story's (a name distinct
#: from works.py's RELEASE_VERBS, a different list, which date a work)
PREMIERE_VERBS = frozenset({"premiere", "premier", "debut", "screen", "release"})
#: nouns a text uses for the work it is about ("the film premiered at ...")
WORK_NOUNS = frozenset({"film", "movie", "picture", "sequel", "series", "show", "documentary", "it"})
#: verbs of making a film whose "for X" names the company it was made for, not a place in the story
MAKING_VERBS = frozenset({"produce", "co-produce", "coproduce", "finance", "co-finance"})
#: works of music or print a real artist's name may qualify ("an Edith Roe song", "a Bo Lund record")
SONG_NOUNS = frozenset(
    {"song", "track", "album", "record", "tune", "ballad", "single", "hit", "novel", "poem"}
)
#: nouns of another work of a person's ("her previous film")
OTHER_WORK_NOUNS = frozenset({"film", "movie", "picture", "feature", "series", "show", "novel", "book"})
#: adjectives that put a person's work before the reviewed one ("his previous film", "her last movie")
EARLIER_WORDS = frozenset({"previous", "earlier", "last", "prior", "recent", "latest", "other", "past"})
#: verbs of making or selling a film whose agent, when a company, is the world's, not the story's
COMPANY_VERBS = frozenset({"produce", "co-produce", "coproduce", "distribute", "co-distribute", "finance"})
#: verbs whose subject, with the work as object, is a company of the world ("X released the film")
_RELEASING_VERBS = COMPANY_VERBS | {"release", "acquire"}
#: the last word of a company's name ("Gorsemoor Studios", "Bellweather Pictures")
COMPANY_WORDS = frozenset(
    {
        "pictures", "studios", "studio", "animation", "films", "film", "entertainment", "productions",
        "production", "media", "releasing", "distribution", "company", "features", "inc", "inc.", "ltd",
        "ltd.", "llc", "corporation", "group", "works", "television", "tv", "network", "networks",
    }
)  # fmt: skip
#: who a reviewer's fandom belongs to
REVIEWER = frozenset({"i", "we", "me", "us", "my", "our"})
#: every lemma that one of `commentary_scopes`' branches starts from (and the words "(", "known",
#: "of", "unlike")
_COMMENTARY_LEMMAS = frozenset(
    MAKING_VERBS | _RELEASING_VERBS | ROLE_VERBS | OTHER_WORK_NOUNS | MANNER_NOUNS | PREMIERE_VERBS
    | FAN_NOUNS | SONG_NOUNS | {"remind"}
)  # fmt: skip


def commentary_scopes(doc: Doc, title: str | None = None) -> None:
    """Mark the tokens of an actor's other roles and of the reviewer's fandom as outside the story
    (`title`: the reviewed work's, never marked)."""
    rival_scopes(doc, title)  # "beats anything in X", "the best since X", "who rose to fame as Y in X"
    for sent in doc.sentences:
        if sent.heading:
            continue
        for tok in sent.span:
            lemma = tok.lemma_.lower()
            if lemma not in _COMMENTARY_LEMMAS and tok.lower_ not in ("(", "known", "of", "unlike"):
                continue  # no branch below starts here
            if tok.text == "(":
                _actor_aside(doc, sent, tok)
                if other_work_bracket(tok, title):  # 'Ada Quill ("Night Lanterns")'
                    close = next(t for t in tok.doc[tok.i + 1 : sent.span.end] if t.text == ")")
                    _mark(doc, sent, tok.doc[tok.i + 1 : close.i], aside=True)
            if tok.lower_ == "known" and tok.i + 1 < sent.span.end and tok.nbor(1).lower_ in ("as", "for"):
                _known_for_aside(doc, sent, tok)  # "Verity, best known as the spy X on Y, is wonderful"
            if tok.lower_ == "of" and other_work_of(tok, title):  # 'Hal Verity of "Burn Signal"'
                _mark(doc, sent, quoted_run(tok.nbor(1)), aside=True)
            if lemma in MAKING_VERBS and tok.tag_ == "VBN":  # "produced by A for Tallmoor Pictures"
                for prep in (c for c in tok.subtree if c.dep_ == "prep" and c.lower_ == "for"):
                    if prep.head.i != tok.i and prep.head.dep_ not in ("pobj", "conj", "appos"):
                        continue
                    for pobj in (c for c in prep.children if c.dep_ == "pobj" and _titled(c)):
                        _mark(doc, sent, pobj.subtree, aside=True)
            if (
                lemma in _RELEASING_VERBS
                and tok.tag_ in ("VBD", "VBZ")
                and any(c.dep_ == "dobj" and c.lower_ in WORK_NOUNS for c in tok.children)
            ):  # "Universal Pictures released the film": the company is the world's
                for subj in (c for c in tok.children if c.dep_ == "nsubj"):
                    if _company(subj, distributor=True):
                        _mark(doc, sent, _company_words(subj), aside=True)
            if lemma in COMPANY_VERBS and tok.tag_ == "VBN":  # "produced by X Animation", "distributed by"
                for agent in (c for c in tok.children if c.dep_ == "agent"):
                    for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                        for item in (pobj, *(c for c in pobj.subtree if c.dep_ == "conj")):
                            if _company(item, distributor=lemma != "produce"):
                                _mark(doc, sent, _company_words(item), aside=True)
            if tok.lower_ == "unlike" and tok.dep_ == "prep":  # "unlike the villain he played in X"
                _mark(doc, sent, tok.subtree)
            elif lemma in ROLE_VERBS and tok.pos_ == "VERB" and _past_part_aside(tok, title):
                _mark(doc, sent, tok.subtree, aside=True)  # "A, who played the outlaw X in Y, is Z here"
            elif lemma in ROLE_VERBS and tok.pos_ == "VERB" and _past_role_clause(tok, title):
                _mark(doc, sent, tok.subtree, aside=True)  # "(Brian Roe played the same doctor in Y)"
            elif lemma in OTHER_WORK_NOUNS and _earlier_work(tok, title):
                _mark(doc, sent, _clause_of(tok), aside=True)  # "Her previous film, T, followed X"
            elif lemma in SONG_NOUNS and tok.pos_ == "NOUN":
                k = tok.i  # "built from an Edith Roe song": the real artist's name right before the noun
                while (
                    k - 1 > sent.span.start
                    and tok.doc[k - 1].pos_ == "PROPN"
                    and tok.doc[k - 1].text[:1].isupper()
                ):
                    k -= 1
                if k < tok.i and not _the_work(title, tok.doc[tok.i - 1]):
                    _mark(doc, sent, tok.doc[k : tok.i], aside=True)
            elif lemma in OTHER_WORK_NOUNS and _dated_other_film(tok):
                top = tok  # "A's Joker, back in Tim Roe's 1989 film,": that film, and the part's owner
                while top.head is not top and top.head.pos_ not in ("VERB", "AUX"):
                    top = top.head
                _mark(doc, sent, tok.subtree, aside=True)
                for owner in (c for c in top.children if c.dep_ == "poss" and c.pos_ == "PROPN"):
                    _mark(doc, sent, [t for t in owner.subtree if t.tag_ != "POS"], aside=True)
            elif lemma in ROLE_VERBS and tok.pos_ == "VERB" and _other_role(tok):
                for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj" and _titled(c)):
                        if not _the_work(title, pobj):
                            _mark(doc, sent, pobj.subtree)
            elif lemma in MANNER_NOUNS and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
                for comp in (c for c in tok.children if c.dep_ == "compound" and _titled(c)):
                    _mark(doc, sent, comp.subtree)  # "his Captain X voice"
            elif lemma == "remind" and any(c.dep_ == "dobj" and c.lower_ in REVIEWER for c in tok.children):
                for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
                    _mark(doc, sent, prep.subtree)  # "X reminded me of Vincent Morrow from [Series]"
            elif lemma in PREMIERE_VERBS and tok.pos_ == "VERB" and _about_the_work(tok, title):
                for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("at", "in", "on")):
                    _mark(doc, sent, prep.subtree)  # "The film premiered at the [X] Film Festival"
            elif lemma in FAN_NOUNS and _reviewers(tok):
                for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        _mark(doc, sent, pobj.subtree)

    outside_titles(doc, title)  # "borrows from No Country for Old Men": one work, not two names


def _actor_aside(doc: Doc, sent: Sentence, paren: Any) -> None:
    """An aside in brackets about an actor's other work: after the actor of a credit ("A (X, Y)
    stars as Z", "played by A (X)") all of it; inside any bracket, from "best known as" or "known for"
    on ("Z (A, best known as Y on X)"). A bracket naming the actor of a character ("Z (A)") is kept."""
    doc_, end = paren.doc, sent.span.end
    close = next((t for t in doc_[paren.i + 1 : min(end, paren.i + 16)] if t.text == ")"), None)
    if close is None or close.i == paren.i + 1:
        return
    inner = doc_[paren.i + 1 : close.i]
    for t in inner:
        if t.lower_ == "known" and t.i + 1 < close.i and t.nbor(1).lower_ in ("as", "for"):
            k = t.i
            while k - 1 > paren.i and doc_[k - 1].pos_ == "ADV":
                k -= 1  # "best", "still", "perhaps"
            _mark(doc, sent, doc_[k : close.i], aside=True)  # "(A, best known as Y on X)"
            return
    start = paren.i
    while start - 1 >= sent.span.start and doc_[start - 1].pos_ == "PROPN":
        start -= 1
    if start == paren.i or any(t.ent_type_ == "PERSON" for t in inner):
        return
    before = doc_[start - 2 : start] if start - 2 >= sent.span.start else None
    credited = before is not None and before[1].lower_ == "by" and before[0].lemma_ in lx.CREDIT_LEMMAS
    after = doc_[close.i + 1 : close.i + 3] if close.i + 2 < end else None
    acting = (
        after is not None
        and after[0].lemma_ in ("star", "play", "portray")
        and (after[0].pos_ == "VERB" or after[0].lemma_ == "star")  # "stars as" is often parsed a noun
        and (after[0].lemma_ != "star" or after[1].lower_ == "as")
    )
    if credited or acting:
        _mark(doc, sent, inner, aside=True)


def _known_for_aside(doc: Doc, sent: Sentence, known: Any) -> None:
    """ "A, best known as the spy X on Y, is wonderful": outside brackets, an aside between commas
    that opens with "(best) known as/for" after a name is the actor's other work, up to its closing
    comma (a bracket is read by `_actor_aside`)."""
    doc_, span = known.doc, sent.span
    k = known.i
    while k - 1 > span.start and doc_[k - 1].pos_ == "ADV":
        k -= 1  # "best", "still", "perhaps"
    if not any(t.lower_ in ("best", "better") for t in doc_[k : known.i]):
        return  # "X, known as the Clock," is an alias the story gives, not an actor's fame
    if k - 2 < span.start or doc_[k - 1].text != "," or not doc_[k - 2].is_title:
        return
    if any(t.text == "(" for t in doc_[span.start : k]) and not any(
        t.text == ")" for t in doc_[span.start : k]
    ):
        return  # inside an open bracket
    end = next((t.i for t in doc_[known.i + 1 : span.end] if t.text in (",", ";", ")")), None)
    if end is None:
        return  # no closing comma: not an aside
    _mark(doc, sent, doc_[k:end], aside=True)


def _mark(doc: Doc, sent: Sentence, toks: Any, aside: bool = False) -> None:
    doc.mark_outside(sent, (t.i for t in toks), aside)


def _company(tok: Any, *, distributor: bool) -> bool:
    """A company's name: capitalised words ending in a company word ("Bellweather Pictures"), or,
    for a distributor, any name the NER calls an organisation."""
    words = _company_words(tok)
    if not words or not all(t.text[:1].isupper() or t.text in ("&", "-", ".") for t in words):
        return False
    return words[-1].lower_ in COMPANY_WORDS or (distributor and words[-1].ent_type_ == "ORG")


def _company_words(tok: Any) -> list[Any]:
    """The name a conjunct heads: its compounds and itself ("Bellweather Pictures")."""
    return [
        t for t in tok.subtree if (t.i <= tok.i and t.dep_ in ("compound", "amod", "punct")) or t.i == tok.i
    ]


def _titled(tok: Any) -> bool:
    """A capitalised name or title among the token's own words."""
    return any(t.text[:1].isupper() for t in tok.subtree if t.i <= tok.i)


def _other_role(verb: Any) -> bool:
    """ "the villain he played in X", "the role she played in X": a past part told in a relative clause
    whose object is the noun it hangs on (an actor's present part in this film is a credit, read
    elsewhere; "the man she played cards with in X" plays something else)."""
    return (
        verb.dep_ == "relcl"
        and verb.tag_ == "VBD"
        and verb.head.pos_ == "NOUN"
        and not any(c.dep_ in ("dobj", "prt") for c in verb.children)
    )


#: nouns for a performer a relative clause may tell the career of ("the same actor who played X in Y")
PERFORMER_NOUNS = frozenset({"actor", "actress", "performer", "star", "comedian"})


def _past_part_aside(verb: Any, title: str | None) -> bool:
    """ "A, who played the outlaw X in Y, is Z here": a relative clause on a name, in the past tense,
    whose object is a name and whose "in" names a titled work other than the reviewed one: the
    actor's earlier part, outside the story ("Ann, who played cards in the tavern" names no work)."""
    if verb.dep_ != "relcl" or verb.tag_ != "VBD":
        return False
    if verb.head.pos_ != "PROPN" and verb.head.lemma_.lower() not in PERFORMER_NOUNS:
        return False  # "Ann, who played ...", "the same actor who played ..."
    if not any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in verb.children):
        return False
    if not any(c.dep_ == "dobj" and any(t.pos_ == "PROPN" for t in c.subtree) for c in verb.children):
        return False
    return any(  # "in Y" on the verb or on the part's name ("the outlaw X in Y")
        o.pos_ == "PROPN" and not _the_work(title, o)
        for prep in verb.subtree
        if prep.dep_ == "prep" and prep.lower_ == "in"
        for o in prep.children
        if o.dep_ == "pobj"
    )


def _past_role_clause(verb: Any, title: str | None) -> bool:
    """ "Brian Roe played the same doctor in Michael Mann's Manhunter": a clause in the past tense whose
    subject is a full name, whose object is a part (a name or a person noun) and whose "in" names a
    titled work other than the reviewed one, neither a place nor a game ("Ann played chess in Paris")."""
    if verb.tag_ != "VBD" or verb.dep_ == "relcl":
        return False
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subj) != 1 or subj[0].pos_ != "PROPN" or not any(c.dep_ == "compound" for c in subj[0].children):
        return False
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if len(objs) != 1 or not (objs[0].pos_ == "PROPN" or objs[0].lemma_.lower() in lx.PERSON_NOUNS):
        return False
    return any(
        o.pos_ == "PROPN" and o.ent_type_ not in ("GPE", "LOC", "FAC") and not _the_work(title, o)
        for prep in (*verb.children, *objs[0].children)
        if prep.dep_ == "prep" and prep.lower_ == "in"
        for o in prep.children
        if o.dep_ == "pobj"
    )


def _dated_other_film(noun: Any) -> bool:
    """ "Tim Roe's 1989 film": a person's film of a given year, another film than the reviewed one."""
    if any(c.dep_ == "appos" for c in noun.children) or (
        noun.i + 2 < noun.sent.end and noun.nbor(1).text in (",", ":") and noun.nbor(2).text[:1].isupper()
    ):
        return False  # "Walt Roe's 1967 film, The Reed Basket": a film the text names, maybe its own
    owner = any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in noun.children)
    dated = any(
        c.dep_ in ("nummod", "amod", "compound") and c.like_num and len(c.text) == 4 for c in noun.children
    )
    return owner and dated


def _earlier_work(noun: Any, title: str | None) -> bool:
    """ "Carl Benn's previous film", "her last movie", "his earlier series": a work of someone's (a
    person's possessive) other than the reviewed one; "the previous film" of a sequel review is the
    same story and is not meant."""
    if not any(c.dep_ == "amod" and c.lower_ in EARLIER_WORDS for c in noun.children):
        return False
    owner = [c for c in noun.children if c.dep_ == "poss"]
    if not owner or _the_work(title, noun):
        return False
    return owner[0].lower_ in ("his", "her", "their") or owner[0].pos_ == "PROPN"


def _clause_of(noun: Any) -> Any:
    """The tokens the earlier work's noun speaks for: the whole clause when it is the subject (or
    its apposition is), else the noun's own phrase."""
    owners = {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}  # "Carl Benn's": kept
    toks = noun.head.subtree if noun.dep_ in ("nsubj", "nsubjpass") else noun.subtree
    return [t for t in toks if t.i not in owners]


def _the_work(title: str | None, tok: Any) -> bool:
    """The title is the reviewed work itself ("the part she played in [this film's title]")."""
    words = " ".join(t.text for t in tok.subtree).casefold()
    return title is not None and title.casefold().removeprefix("the ") in words


def _reviewers(tok: Any) -> bool:
    """ "I am a fan of X", "as a lifelong fan of X", "my fellow fans of X": the reviewer's fandom."""
    if any(c.dep_ == "poss" and c.lower_ in REVIEWER for c in tok.children):
        return True
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        return any(c.dep_ == "nsubj" and c.lower_ in REVIEWER for c in tok.head.children)
    if tok.dep_ == "nsubj" and tok.head.lemma_ in AUDIENCE_VERBS:
        return True  # "Fans of X will find much to enjoy": the audience, whoever they are
    return bool(tok.dep_ == "pobj" and tok.head.lower_ == "as")


#: what a review says its audience will do ("Fans of X will find much to enjoy", "lovers of X adore it")
AUDIENCE_VERBS = frozenset(
    {"find", "enjoy", "love", "adore", "like", "want", "feel", "appreciate", "recognise", "recognize", "see",
     "get", "have"}
)  # fmt: skip


def _about_the_work(verb: Any, title: str | None) -> bool:
    """The verb's subject is the work itself: "the film", "it", or its title ("The film premiered at",
    "X was released in"); a character who "opens" a door or a ship "released in" a bay is not."""
    for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subj.lower_ in WORK_NOUNS or subj.lemma_.lower() in WORK_NOUNS or _the_work(title, subj):
            return True
    return False


#: quotation marks that open a title (straight or curly)
OPEN_QUOTES = frozenset({'"', "\u201c", "'", "\u2018"})
#: quotation marks that close a title
CLOSE_QUOTES = frozenset({'"', "\u201d", "'", "\u2019"})


def quoted_run(quote: Any) -> Any:
    """The tokens from an opening quotation mark to its closing one (at most 12 words), or an empty
    span when none closes it."""
    doc = quote.doc
    end = min(quote.sent.end, quote.i + 14)
    close = next((t for t in doc[quote.i + 1 : end] if t.text in CLOSE_QUOTES), None)
    return doc[quote.i : close.i + 1] if close is not None else doc[quote.i : quote.i]


def _quoted_title(quote: Any, title: str | None) -> bool:
    """A quotation that opens with a capitalised word, other than the reviewed work's title: the
    title of another work (a nickname in quotes opens with "the" or stands inside a name)."""
    run = quoted_run(quote)
    if quote.text not in OPEN_QUOTES or len(run) < 3 or not run[1].text[:1].isupper():
        return False
    words = " ".join(t.text for t in run[1:-1]).casefold()
    return title is None or title.casefold().removeprefix("the ") not in words


def _full_name_before(tok: Any) -> bool:
    """Two to four capitalised proper nouns end just before `tok` (an actor's full name)."""
    k = tok.i
    while k - 1 >= tok.sent.start and tok.doc[k - 1].pos_ == "PROPN" and tok.doc[k - 1].is_title:
        k -= 1
    return bool(2 <= tok.i - k <= 4)


def other_work_bracket(paren: Any, title: str | None) -> bool:
    """'Ada Quill ("Night Lanterns")', 'Bo Stenmark (the clown in "Crawlspace")': a full name, then a
    bracket with no comma that holds the quoted title of another work, and no name going on after
    it ('Sten ("The Needle") Arvo' is a nickname). The name is an actor; the bracket is their
    filmography, outside the story."""
    doc, end = paren.doc, paren.sent.end
    close = next((t for t in doc[paren.i + 1 : min(end, paren.i + 16)] if t.text == ")"), None)
    if close is None or not _full_name_before(paren) or not _cast_slot(paren, close):
        return False
    inner = doc[paren.i + 1 : close.i]
    if any(t.text in (",", ";") for t in inner):
        return False  # "(A, best known as ...)": read by the aside rule
    first = inner[0] if len(inner) else None
    if first is not None and first.text in OPEN_QUOTES:
        return bool(_quoted_title(first, title) and quoted_run(first).end == close.i)  # '("Night Lanterns")'
    quotes = [t for t in inner if t.text in OPEN_QUOTES and t.i > paren.i + 1]
    return bool(  # '(the clown in "Crawlspace")'
        quotes
        and doc[quotes[0].i - 1].lower_ in ("in", "from", "of", "on")
        and _quoted_title(quotes[0], title)
        and quoted_run(quotes[0]).end == close.i
    )


#: what follows an actor's bracket in a cast sentence ("A (X) and B (Y) play ...", "A (X) stars as")
CAST_NEXT_LEMMAS = frozenset(
    {"play", "star", "co-star", "portray", "voice", "reprise", "return", "lead", "shine"}
)
#: what comes before an actor's name in a cast sentence ("starring A (X)", "with A (X) as ...")
CAST_BEFORE = frozenset({"starring", "stars", "star", "with", "and", ",", "co-starring", "plus"})


def _cast_slot(paren: Any, close: Any) -> bool:
    """The bracket sits where a cast list puts an actor: the list goes on after it ("and", a
    comma), an acting verb follows ("plays", "stars as", "is wonderful as"), or a credit word or
    list joint stands before the name ("starring A (X)", "with A (X)", "B and A (X)"). A name acting
    in the story ('Sten Arvo ("The Needle") robs the bank') is in no such slot."""
    doc, sent = paren.doc, paren.sent
    after = doc[close.i + 1] if close.i + 1 < sent.end else None
    if after is not None and (after.lower_ in ("and", ",") or after.lemma_.lower() in CAST_NEXT_LEMMAS):
        return True
    k = paren.i
    while k - 1 >= sent.start and doc[k - 1].pos_ == "PROPN":
        k -= 1
    return k > sent.start and doc[k - 1].lower_ in CAST_BEFORE


def other_work_of(of: Any, title: str | None) -> bool:
    """'Hal Verity of "Burn Signal"': a full name, "of", and the quoted title of another work: the
    name is an actor known for that work."""
    doc = of.doc
    return bool(
        of.i + 1 < of.sent.end
        and doc[of.i + 1].text in OPEN_QUOTES
        and _full_name_before(of)
        and _quoted_title(doc[of.i + 1], title)
    )
