"""A rough verb test shared by the recogniser and the timelines: `verbish` (is this word a verb form?).

It knows auxiliaries and frequent finite verbs of several languages, and for Dutch and English guesses from the
lemmatiser (`storyline.text.tokens.lemma`): a Dutch form whose lemma is an infinitive, an English form the lemmatiser
changes or one ending in -ed. Word lists are written by hand.
"""

from __future__ import annotations

from .tokens import lemma

_VERBS = frozenset(
    "moet moeten kan kunnen wil willen zal zullen mag mogen heeft hebben heb is zijn ben was waren wordt worden werd "
    "werden gaat gaan ging gingen komt komen kwam blijft blijven must should shall can could will would may might has "
    "have had is are was were be been does do did gets got goes went ist sind war waren hat haben wird werden muss "
    "kann soll will est sont était a ont sera".split())


# forms in `_VERBS` that are other words in a language ("a war", "a hat"; Dutch "a" in names)
_NOT_VERBS_IN = {"en": frozenset({"a", "war", "hat"}), "nl": frozenset({"a", "war", "hat", "est", "will"})}
# Dutch words ending in -en that are no verb forms: prepositions and adverbs ("boven Oost-Oekraïne")
_NL_NOT_VERBS = frozenset("boven binnen buiten tegen tussen beneden volgens zonder rondom tegenover alleen samen "
                          "even geleden open eigen ander andere verscheiden meteen ineens opeens".split())


def verbish(word: str, lang: str | None) -> bool:
    """A rough guess that `word` is a verb form (auxiliaries; Dutch forms whose lemma is an infinitive).

    >>> verbish("blies", "nl"), verbish("top", "nl"), verbish("cancelled", "en"), verbish("summit", "en")
    (True, False, True, False)
    """
    if word in _VERBS:
        return word not in _NOT_VERBS_IN.get(lang or "", ())  # "a" is French "has", not the English article
    if lang == "nl":
        base = lemma(word, "nl")
        if word.endswith(("ing", "ingen", "heid", "heden")) or word in _NL_NOT_VERBS:
            return False
        return base.endswith("en") and (base != word or len(word) > 4)
    if lang == "en":
        base = lemma(word, "en")
        return word.endswith("ed") and len(word) > 4 or base != word and word not in (base + "s", base + "es")
    return False
