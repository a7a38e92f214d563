"""Sparse features of an article: lemma and name tokens, TF-IDF with incrementally updated document frequencies."""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

import simplemma

from ..text.ner.canonical import canonical_place
from ..text.ner.gazetteer import gazetteer
from ..text.tokens import compound_split, strip_possessive

_WORD_RE = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
_SENTENCE_SPLIT_RE = re.compile(r"[.!?:…\"“”‘\n]+")
_LEMMA_LANGS = frozenset({"nl", "en", "de", "fr", "es", "it"})
_LEMMA_CACHE: dict[tuple[str, str], str] = {}
_MAX_CACHE = 200_000  # entries per cache (each worker process holds its own; about 40 MB each when full)
# Function words (as simplemma lemmatises them), left out of the lemma vectors: with few documents seen,
# document frequencies cannot yet tell that they carry nothing.
STOPWORDS = frozenset(
    """de het een en van in op te dat die dit deze is zijn was waren wordt worden werd werden voor met niet aan er
    om ook als bij maar dan nog wel of uit naar over door hij zij ze we wij ik je u hebben heeft had hadden kunnen
    kan zullen zal zou moeten moet gaan gaat al meer veel na tot tegen toen nu hun haar hem zich wat wie waar hoe
    geen zo dus want omdat onder sinds zonder tussen jaar ander worden zeggen
    the a an and of in on to that is are was were be been being for with not at as by but or from it its he she
    they we i you this these those has have had will would can could should may might do does did after before
    about into over than then there their them his her our your who what which when where how also more most
    other some such no only up out so if all any new one two said say says year""".split()
)
# Function words that are capitalised in titles and at the start of quotes, never names.
_NOT_NAMES = frozenset(
    """de het een en van in op te dat die is voor met niet aan er om ook als bij maar dan nog wel of
    uit naar over zijn was door hij zij ze we wij ik je u dit deze heeft hebben wordt worden werd kan
    the a an and of in on to that is for with not at as by but or from it he she they we i you this
    these has have was were be been will can after before new says said how why what who when where
    mr mrs ms dr""".split()
)


_KNOWN_CACHE: dict[tuple[str, str], bool] = {}
_PLAIN_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def language_fits(text: str, lang: str | None, *, words: int = 60, share: float = 0.5) -> bool:
    """Whether the lemmatiser of `lang` knows at least `share` of the first `words` words of `text`.

    The language detector only chooses among the languages storyline supports, so an Indonesian text can come out
    as Spanish with full confidence; its words are then unknown to the Spanish dictionary, and story detection
    treats it as an article in an unknown language (compared on names and embeddings, not on lemmas).

    >>> language_fits("Harga beras yang dijual di pasar di Jakarta naik pada bulan ini", "es")
    False
    >>> language_fits("Het toestel stortte neer in het oosten van het land", "nl"), language_fits("漢字", None)
    (True, True)
    """
    if lang not in _LEMMA_LANGS:
        return True
    sample = [m.group().lower() for m in itertools.islice(_PLAIN_WORD_RE.finditer(text), words)]
    if len(sample) < 8:
        return True
    cache = _KNOWN_CACHE
    known = 0
    for w in sample:
        hit = cache.get((lang, w))
        if hit is None:
            hit = simplemma.is_known(w, lang)
            if len(cache) < _MAX_CACHE:
                cache[(lang, w)] = hit
        known += hit
    return known >= share * len(sample)


def lemma(token: str, lang: str | None) -> str:
    """The dictionary form of a lower-case token (simplemma), cached.

    >>> lemma("vliegtuigen", "nl"), lemma("crashed", "en"), lemma("voo", None)
    ('vliegtuig', 'crash', 'voo')
    """
    if lang not in _LEMMA_LANGS:
        return token
    key = (lang, token)
    found = _LEMMA_CACHE.get(key)
    if found is None:
        found = simplemma.lemmatize(token, lang=lang).lower()
        if len(_LEMMA_CACHE) < _MAX_CACHE:
            _LEMMA_CACHE[key] = found
    return found


def fold(token: str) -> str:
    """`token` without accents, so that spellings with and without them meet (Oekraïne / Oekraine, Maleisië /
    Maleisie, café / cafe).

    >>> fold("oekraïne"), fold("mh17"), fold("zürich")
    ('oekraine', 'mh17', 'zurich')
    """
    if token.isascii():
        return token
    return "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))


_COMPOUND_LANGS = frozenset({"nl", "de"})
_COMPOUND_CACHE: dict[tuple[str, str], tuple[str, ...]] = {}
_COMPOUND_MIN = 4  # letters of each part


def compound_parts(word: str, lang: str | None) -> tuple[str, ...]:
    """The parts of a Dutch or German compound lemma, lemmatised (a compound's parts also say what it is about:
    a `vliegtuigcrash` is a crash of a `vliegtuig`), or () for a word that is not one.

    Split once, at the first point from the left where both sides are words the lemmatiser knows, each at least
    four letters (a linking `s`, `e` or `en` after the first part dropped); hyphenated words at their hyphens.
    Parts that are function words are left out.

    >>> compound_parts("vliegtuigcrash", "nl"), compound_parts("onderzoeksraad", "nl")
    (('vliegtuig', 'crashen'), ('onderzoek', 'raad'))
    >>> compound_parts("buk-raket", "nl"), compound_parts("kermis", "nl"), compound_parts("vliegtuigcrash", "en")
    (('buk', 'raket'), (), ())
    """
    if lang not in _COMPOUND_LANGS or len(word) < 2 * _COMPOUND_MIN:
        return ()
    key = (lang, word)
    found = _COMPOUND_CACHE.get(key)
    if found is not None:
        return found
    parts: list[str] = []
    if "-" in word:
        parts = [p for p in word.split("-") if len(p) >= 3]
    elif split := compound_split(word, lang, _COMPOUND_MIN):
        parts = [lemma(split[0], lang), lemma(split[1], lang)]
    result = tuple(p for p in parts if p not in STOPWORDS and p != word)
    if len(_COMPOUND_CACHE) < _MAX_CACHE:
        _COMPOUND_CACHE[key] = result
    return result


def tokens(text: str, lang: str | None, *, pairs: bool = False, years: bool = False, accents: bool = True,
           compounds: bool = False, possessives: bool = False, places: str = "off",
           initials: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Lemmas of the words of `text` (2+ letters, no function words) and its name tokens (capitalised, not
    sentence-initial; with `pairs`, also two adjacent ones; with `years`, four-digit years), lower case; without
    `accents`, accents dropped from both (`fold`); with `compounds`, a Dutch or German compound lemma is followed by
    its parts (`compound_parts`); with `possessives`, a word loses its possessive ending first (`Trump's` is `trump`:
    `strip_possessive`); `initials`, a list, receives the capitalised words that start a sentence (a name or not:
    the caller keeps those the text also capitalises inside a sentence); with `places` "local", a name that is a known country, region or city, or a country's
    demonym, is that place's name in the article's language (`place_name`: Russian is `russia`, Russische `rusland`);
    with "shared", its one name in every language (all four are `rusland`); "off" leaves names as they are.

    >>> tokens("Het toestel van Malaysia Airlines stortte neer. De MH17 werd neergeschoten.", "nl")[1]
    ['malaysia', 'airlines', 'mh17']
    >>> tokens("Het toestel van Malaysia Airlines stortte neer.", "nl", pairs=True)[1]
    ['malaysia', 'airlines', 'malaysia airlines']
    >>> tokens("Het songfestival van 2020 gaat niet door.", "nl", years=True)[1]
    ['2020']
    >>> tokens("Meghan Markle's father saw Russia’s army.", "en", possessives=True)
    (['meghan', 'markle', 'father', 'see', 'russia', 'army'], ['markle', 'russia'])
    >>> tokens("The Russian army left Ukraine.", "en", places="local")[1], tokens("Het Russische leger verliet Oekraïne.", "nl", places="local")[1]
    (['russia', 'ukraine'], ['rusland', 'oekraïne'])
    >>> tokens("The Russian army left Ukraine.", "en", places="shared")[1]
    ['rusland', 'oekraïne']
    >>> first = []; tokens("Rutte sprak. Daarna ging Rutte weg.", "nl", initials=first)[1], first
    (['rutte'], ['rutte', 'daarna'])
    """
    lemmas: list[str] = []
    names: list[str] = []
    cache = _LEMMA_CACHE
    place_on, place_lang = places != "off", (lang if places == "local" else None)
    for sentence in _SENTENCE_SPLIT_RE.split(text):
        last_name, last_k = "", -2
        for k, word in enumerate(_WORD_RE.findall(sentence)):
            if possessives:
                word = strip_possessive(word)  # Trump's, Markle’s, Rutte's: the name of Trump, Markle, Rutte
            if len(word) < 2:
                continue
            low = word.lower()
            first = word[0]
            capital = (first.isdigit() and any(c.isupper() for c in word)) or (first.isupper() and low not in _NOT_NAMES)
            if capital and not k and initials is not None and low not in STOPWORDS:
                name = (place_name(word, place_lang) or low) if place_on else low
                initials.append(name if accents else fold(name))  # a name only if the text confirms it elsewhere
            elif capital and k:
                name = (place_name(word, place_lang) or low) if place_on else low
                name = name if accents else fold(name)
                names.append(name)
                if pairs and last_k == k - 1:
                    names.append(last_name + " " + name)
                last_name, last_k = name, k
            if first.isdigit():
                if years and len(word) == 4 and word[:2] in ("19", "20") and word.isdigit():
                    names.append(word)  # a year tells one edition of a recurring affair from the next
                continue
            found = cache.get((lang, low)) if lang else low
            found = found if found is not None else lemma(low, lang)
            if not accents:
                found = fold(found)
            if found not in STOPWORDS:
                lemmas.append(found)
                if compounds and len(found) >= 2 * _COMPOUND_MIN:
                    lemmas.extend(compound_parts(found, lang))
    return lemmas, names


_PLACE_CACHE: dict[tuple[str, str | None], str | None] = {}


def place_name(word: str, lang: str | None = None) -> str | None:
    """The one lower-case name of the country, region or city `word` names or is a demonym of, or None: with `lang`
    "nl" or "en", its label in that language (Russian and Russia are `russia`, Russische and Rusland `rusland`);
    with `lang` None, its Dutch label whatever the language (all four are `rusland`). From the shipped place lists
    (`storyline.text.ner.canonical`); another language gets None.

    >>> place_name("Ukrainian", "en"), place_name("Oekraïense", "nl"), place_name("Ukraine"), place_name("Markle", "en")
    ('ukraine', 'oekraïne', 'oekraïne', None)
    >>> place_name("Kiev", "en"), place_name("Russia", "de")
    ('kyiv', None)
    """
    key = (word, lang)
    found = _PLACE_CACHE.get(key, "")
    if found != "":
        return found
    name = None
    if lang in (None, "nl", "en"):
        place = canonical_place(word)
        if place is None:
            country = gazetteer().demonym_country.get(word)
            place = canonical_place(country) if country else None
            if place is None and country and lang != "en":
                place = ("", country, country)
        if place is not None:
            name = (place[2] if lang == "en" else place[1]).lower()
    if len(_PLACE_CACHE) < _MAX_CACHE:
        _PLACE_CACHE[key] = name
    return name


_LETTERS_RE = re.compile(r"[^\W\d_]{4,}")


def same_headline(a: str, b: str, lang: str | None, share: float = 0.5) -> bool:
    """Whether two headlines share at least `share` of their words (lemmas and names together, Jaccard).

    A near-duplicate found by its text (``copy_of``) joins its original's event directly only when it is: two
    pages whose text is one video player's or one site's furniture are not one report ("Burgemeester Aboutaleb
    spreekt relschoppers toe" is no copy of "Malaysia Airlines crash: video believed to show moment of plane's
    impact").

    >>> same_headline("Red dust covers Sydney", "Red dust cloud covers Sydney", "en")
    True
    >>> same_headline("Burgemeester Aboutaleb spreekt relschoppers toe", "Malaysia Airlines crash: video shows impact", "nl")
    False
    """
    la, na = tokens(a, lang)
    lb, nb = tokens(b, lang)
    wa, wb = set(la) | set(na), set(lb) | set(nb)
    return bool(wa | wb) and len(wa & wb) >= share * len(wa | wb)


def headline_persons(title: str) -> frozenset[str]:
    """The persons a headline names, lower case: the capitalised word after a person's title (Princess Eugenie,
    President Trump, prins Harry) or after a known first name, and that first name (Meghan Markle: both); a
    possessive ending dropped. From the shipped lexicon and first-name list (`storyline.text.ner.gazetteer`).

    >>> sorted(headline_persons("Princess Eugenie engaged to Jack Brooksbank: couple 'float with laughter'"))
    ['eugenie']
    >>> sorted(headline_persons("Meghan Markle's Royal Wedding Jewelry")), sorted(headline_persons("Royal wedding: gospel choir to perform"))
    (['markle', 'meghan'], [])
    """
    g = gazetteer()
    words = [strip_possessive(w) for w in _WORD_RE.findall(title)]
    persons: set[str] = set()
    for word, after in itertools.pairwise(words):
        if not after[:1].isupper() or (after.isupper() and len(after) > 3) or after.lower() in _NOT_NAMES:
            continue  # (an acronym or a capitalised function word is no name)
        if word[:1].isupper() and word.lower() in g.person_titles:
            persons.add(after.lower())
        elif word in g.plain_first_names:
            persons.update((word.lower(), after.lower()))
    return frozenset(persons)


def title_case(title: str) -> bool:
    """True for a headline in Title Case (three or more words of 4+ letters, at least 3/4 of them capitalised).

    >>> title_case("Why Prince William Will Leave Harry's Wedding Early"), title_case("Prince William leaves early")
    (True, False)
    """
    words = _LETTERS_RE.findall(title)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


@dataclass(slots=True)
class DocumentFrequencies:
    """Document frequencies of terms, updated one document at a time (river style).

    With `forget_after` (N documents), every N documents the terms found in at most `forget_max_df` documents and
    in none of the last N are forgotten (an old rare term seen again counts as new): the table then holds the
    terms of the last N to 2N documents plus the common ones, not every term ever seen. Which terms go depends
    on the order of the documents only, so a stream gives the same table every time. With `evict` too, the other
    terms not seen in the last N documents leave the table as well, with their counts, into `idle` (the caller
    keeps them elsewhere, `storyline.cluster.retire`, and puts them back exactly when they are seen again).

    >>> df = DocumentFrequencies()
    >>> df.learn_one(["mh17", "kiev"]); df.learn_one(["mh17"])
    >>> df.n_docs, df.df["mh17"], round(df.idf("kiev"), 3) < round(df.idf("unseen"), 3)
    (2, 2, True)
    >>> df = DocumentFrequencies(forget_after=2, forget_max_df=1)
    >>> [df.learn_one(d) for d in (["a", "b"], ["b"], ["c"], ["c"])]
    [None, [], None, ['a']]
    >>> sorted(df.df), df.n_docs
    (['b', 'c'], 4)
    """

    n_docs: int = 0
    df: Counter = field(default_factory=Counter)
    forget_after: int | None = None
    forget_max_df: int = 3
    evict: bool = False
    idle: list = field(default_factory=list)  # (term, count) evicted at the last check (with `evict`), for the caller
    _recent: set = field(default_factory=set)  # terms seen since the last check (only with `forget_after`)

    def learn_one(self, terms: list[str]) -> list[str] | None:
        """Count one more document containing `terms`; returns the terms forgotten now, if any were checked."""
        self.n_docs += 1
        unique = set(terms)
        self.df.update(unique)
        if not self.forget_after:
            return None
        self._recent.update(unique)
        return self._forget() if self.n_docs % self.forget_after == 0 else None

    def _forget(self) -> list[str]:
        """Drop the rare terms not seen since the last check (`forget_after` documents ago); with `evict`, move
        the others not seen since into `idle`."""
        recent, cap, df = self._recent, self.forget_max_df, self.df
        gone = [t for t, c in df.items() if c <= cap and t not in recent]
        for t in gone:
            del df[t]
        if self.evict:
            self.idle = [(t, c) for t, c in df.items() if t not in recent]
            for t, _ in self.idle:
                del df[t]
        self._recent = set()
        return gone

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency (an unseen term gets the highest value)."""
        return math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0


def tfidf(terms: list[str], df: DocumentFrequencies, *, max_terms: int = 150) -> dict[str, float]:
    """An L2-normalised TF-IDF vector (sublinear tf) of `terms`, keeping the `max_terms` heaviest.

    >>> df = DocumentFrequencies(); df.learn_one(["a", "b"]); df.learn_one(["a"])
    >>> v = tfidf(["a", "b", "b"], df)
    >>> max(v, key=v.get), round(sum(x * x for x in v.values()), 6)
    ('b', 1.0)
    """
    if not terms:
        return {}
    # `df.idf(t)` written out (the same arithmetic): this runs for every article in the clusterer's own process.
    log, seen, docs = math.log, df.df.get, df.n_docs + 1
    weights = {t: (1.0 + log(c)) * (log(docs / (seen(t, 0) + 1)) + 1.0) for t, c in Counter(terms).items()}
    if len(weights) > max_terms:
        # (heaviest first, ties in their first-seen order: as a sort on the negated weight)
        weights = dict(sorted(weights.items(), key=itemgetter(1), reverse=True)[:max_terms])
    norm = math.sqrt(sum([w * w for w in weights.values()])) or 1.0
    return {t: w / norm for t, w in weights.items()}


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two sparse vectors, summed in the shorter vector's own term order.

    Not over a set of the shared terms: a set's order follows the interpreter's string hashing, so the float sum
    differed in its last digits from one process to the next (PYTHONHASHSEED), and with it the odd placement.

    >>> dot({"a": 0.5, "b": 1.0}, {"b": 2.0, "c": 3.0})
    2.0
    """
    if len(a) > len(b):
        a, b = b, a
    return sum([v * b[t] for t, v in a.items() if t in b])


def positions(a: dict[str, float]) -> dict[str, int]:
    """Each term of `a` and its place in `a`'s order (for `dot_from`)."""
    return dict(zip(a, range(len(a)), strict=True))


def dot_from(a: dict[str, float], order: dict[str, int], b: dict[str, float]) -> float:
    """`dot(a, b)` to the last bit, faster for an article's vector `a` scored against many large sums `b` (the
    clusterer's serial part): the shared terms are found by a set intersection and summed in `a`'s order
    (`order` = `positions(a)`) instead of looking every term of `a` up in `b` in Python.

    >>> a = {"b": 1.0, "a": 0.5}
    >>> dot_from(a, positions(a), {"a": 2.0, "b": 3.0, "c": 1.0}) == dot(a, {"a": 2.0, "b": 3.0, "c": 1.0})
    True
    """
    if len(a) > len(b):
        return dot(a, b)
    return sum([a[t] * b[t] for t in sorted(a.keys() & b.keys(), key=order.__getitem__)])
