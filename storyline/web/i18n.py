"""Interface labels in English and Dutch, and how a request picks its language.

The language comes from ``?lang=nl|en`` (remembered in a cookie), else the cookie, else the
browser's Accept-Language, else English. (On pages, ``lang`` is the interface language; the
article-language filter of the article list is called ``language``.)

>>> pick_language("nl", None, None)
'nl'
>>> pick_language(None, None, "de-DE,de;q=0.9,nl;q=0.8,en;q=0.5")
'nl'
>>> pick_language(None, None, None)
'en'
>>> label("nl", "articles_count", n=3), label("nl", "articles_count", n=1), label("en", "named_in", n=1, total=1)
('3 artikelen', '1 artikel', 'named in 1 of 1 article')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.requests import Request

UI_LANGUAGES = ("en", "nl")
DEFAULT = "en"
COOKIE = "storyline_lang"

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "home": "Home", "articles": "Articles", "search": "Search", "stories": "Stories", "timelines": "Timelines",
        "entities": "Entities", "export": "Export", "api": "API",
        "tagline": "News articles turned into stories with timelines, offline.",
        "archive": "The archive", "articles_count": "{n} articles", "undated": "undated",
        "near_duplicates": "near-duplicate copies", "boilerplate": "boilerplate", "sources": "sources",
        "rejected": "rejected inputs", "by_language": "By language", "by_month": "By month",
        "waiting": "Waiting: {analyse} articles for entities and dates, {cluster} for a story, {timelines} for "
                   "their story's timeline. 'storyline cluster' finishes them.",
        "by_source": "Largest sources", "empty_archive": "The archive is empty. Ingest articles with "
                                                         "'storyline ingest PATH' or POST /api/ingest.",
        "search_placeholder": "Search titles and texts…", "search_button": "Search",
        "language": "Language", "any_language": "any language", "since": "From", "until": "Until",
        "date_hint": "YYYY, YYYY-MM or YYYY-MM-DD", "contains": "Containing", "filter": "Filter", "reset": "Reset",
        "showing": "{first}–{last} of {total}", "no_articles": "No articles match these filters.",
        "previous": "Previous", "next": "Next", "page": "Page {page} of {pages}",
        "published": "Published", "unknown_date": "date unknown", "id": "Id", "lang": "Language",
        "precision": "precision", "copy_of": "Near-duplicate of", "copies": "Near-duplicate copies",
        "similarity": "similarity", "is_boilerplate": "This text is page boilerplate shared by several titles.",
        "source_list": "Sources", "length": "Length", "characters": "{n} characters", "ingested": "Ingested",
        "text": "Text", "back_to_list": "All articles",
        "results_for": "Results for “{q}”", "no_results": "Nothing found for “{q}”.",
        "results_count": "{n} results", "more_results": "More results", "search_hint":
            "Words (all must occur), \"a phrase\", OR, NOT, prefix* (3+ letters), (parentheses). Diacritics are "
            "ignored.",
        "error": "Error", "not_found": "Not found", "go_home": "Back to the home page",
        "interface_language": "Interface language", "api_title": "API endpoints",
        "api_intro": "JSON API served by this process. The machine-readable description is at /openapi.json.",
        "writes_on": "Write endpoints are enabled (token required).",
        "writes_off": "Write endpoints are disabled (start the server with --token to enable them).",
        "method": "Method", "path": "Path", "summary": "Summary", "undated_label": "undated",
        "skip": "Skip to content", "latest": "Latest articles", "one_source": "1 source", "n_sources": "{n} sources",
        "date_placeholder": "YYYY-MM-DD",
        "no_stories": "No stories yet. Group the articles into stories with 'storyline cluster'.",
        "events": "Events", "period": "Period", "in_story": "Part of the story",
        "more_in_story": "{n} articles in this story", "not_in_story": "This article is not in a story yet; "
                                                                       "'storyline cluster' assigns it.",
        "story_timeline": "Timeline", "languages": "Languages", "filter_language": "Article language",
        "entity": "Entity", "entity_placeholder": "a name", "sort": "Sort", "sort_recent": "Most recent",
        "sort_size": "Largest", "no_matching_stories": "No stories match these filters.",
        "coverage_label": "Articles over time, {first} to {last} ({days} days a bar)",
        "export_title": "Export", "zoom_in": "Zoom in on the picked date", "zoom_out": "Zoom out around the picked date",
        "zoom_fit": "Show all",
        "show_list": "Show as a list", "timeline_hint": "Wheel or pinch to zoom, drag to move; pick a date to "
                                                        "read what happened.",
        "timeline_earlier": "Earlier date", "timeline_later": "Later date", "timeline_tools": "Timeline controls",
        "timeline_keys": "Timeline. Left and right arrows pick the previous or next date, Home and End the first "
                         "and last; + and − zoom around the picked date, 0 shows all, Page Up and Page Down move.",
        "timeline_n_dates": "{n} dates", "timeline_position": "date {i} of {n}",
        "timeline_overview": "Overview: {n} dates from {first} to {last}; the framed part is shown below.",
        "estimated": "estimated", "planned": "planned",
        "also_reported_in": "also reported in {langs}",
        "also_reported_hint": "The same event as an article in another language told it, as written there.",
        "planned_hint": "Announced before this date: a plan, not something that had happened when it was written.",
        "estimated_hint": "The articles carry no date; it is estimated from what they say or from the dated articles "
                          "most like them.",
        "date_unknown": "date unknown", "date_unknown_hint": "Nothing dates these articles: they are shown last.",
        "pick_date": "Pick a date on the timeline.", "timeline_sources": "Sources",
        "precision_day": "day", "precision_month": "month", "precision_year": "year", "precision_minute": "minute",
        "no_timeline": "No dated timeline could be made for this story.", "summary_title": "Summary",
        "key_entities": "Key entities", "mentions_count": "{n} mentions", "mentions": "Mentions", "name": "Name",
        "type_PER": "person", "type_LOC": "place", "type_ORG": "organisation", "type_MISC": "other name",
        "entity_type": "Type", "also_named": "Also named", "any_type": "any type", "name_contains": "Name contains",
        "no_entities": "No entities found. The text stage ('storyline analyse') finds them.",
        "no_entity": "No entity named '{name}'", "no_entities_found": "No names found.",
        "dates_in_text": "Dates in the text", "unresolved_date": "(no calendar date)", "no_dates_found": "No dates found.",
        "legend_entity": "name", "legend_date": "date", "co_occurring": "Named together with",
        "no_co_occurring": "No other names in its articles.",
        "co_sample_note": "Counted over its {n} most recent articles.", "entity_articles": "Articles naming it",
        "named_in": "named in {n} of {total} articles", "search_entity": "Search the texts for this name",
        "stories_with_entity": "Stories naming it",
        "articles_count_one": "1 article", "characters_one": "1 character", "results_count_one": "1 result",
        "more_in_story_one": "1 article in this story", "mentions_count_one": "1 mention",
        "named_in_one": "named in {n} of 1 article", "co_sample_note_one": "Counted over its most recent article.",
        "confidence": "confidence", "largest_stories": "Largest stories", "recent_stories": "Recently active stories",
        "all_stories": "All stories", "folded_before": "{n} earlier articles ({first}–{last}) are left off the chart",
        "folded_after": "{n} later articles ({first}–{last}) are left off the chart",
        "folded_before_one": "1 earlier article ({first}) is left off the chart",
        "folded_after_one": "1 later article ({first}) is left off the chart",
    },
    "nl": {
        "home": "Start", "articles": "Artikelen", "search": "Zoeken", "stories": "Verhalen", "timelines": "Tijdlijnen",
        "entities": "Entiteiten", "export": "Exporteren", "api": "API",
        "tagline": "Nieuwsartikelen omgezet in verhalen met tijdlijnen, offline.",
        "archive": "Het archief", "articles_count": "{n} artikelen", "undated": "zonder datum",
        "near_duplicates": "bijna-dubbele kopieën", "boilerplate": "standaardtekst", "sources": "bronnen",
        "rejected": "geweigerde invoer", "by_language": "Per taal", "by_month": "Per maand",
        "waiting": "Wachtend: {analyse} artikelen op entiteiten en datums, {cluster} op een verhaal, {timelines} op "
                   "de tijdlijn van hun verhaal. 'storyline cluster' maakt ze af.",
        "by_source": "Grootste bronnen", "empty_archive": "Het archief is leeg. Voeg artikelen toe met "
                                                          "'storyline ingest PAD' of POST /api/ingest.",
        "search_placeholder": "Zoek in titels en teksten…", "search_button": "Zoeken",
        "language": "Taal", "any_language": "alle talen", "since": "Vanaf", "until": "Tot en met",
        "date_hint": "JJJJ, JJJJ-MM of JJJJ-MM-DD", "contains": "Met de woorden", "filter": "Filteren",
        "reset": "Wissen", "showing": "{first}–{last} van {total}",
        "no_articles": "Geen artikelen die aan deze filters voldoen.",
        "previous": "Vorige", "next": "Volgende", "page": "Pagina {page} van {pages}",
        "published": "Gepubliceerd", "unknown_date": "datum onbekend", "id": "Id", "lang": "Taal",
        "precision": "precisie", "copy_of": "Bijna-dubbel van", "copies": "Bijna-dubbele kopieën",
        "similarity": "overeenkomst", "is_boilerplate": "Deze tekst is standaardtekst van een pagina die onder "
                                                        "meerdere titels voorkomt.",
        "source_list": "Bronnen", "length": "Lengte", "characters": "{n} tekens", "ingested": "Ingelezen",
        "text": "Tekst", "back_to_list": "Alle artikelen",
        "results_for": "Resultaten voor “{q}”", "no_results": "Niets gevonden voor “{q}”.",
        "results_count": "{n} resultaten", "more_results": "Meer resultaten", "search_hint":
            "Woorden (alle moeten voorkomen), \"een zinsdeel\", OR, NOT, voorvoegsel* (3+ letters), (haakjes). "
            "Accenten tellen niet mee.",
        "error": "Fout", "not_found": "Niet gevonden", "go_home": "Terug naar de startpagina",
        "interface_language": "Taal van de interface", "api_title": "API-eindpunten",
        "api_intro": "JSON-API van dit proces. De machineleesbare beschrijving staat op /openapi.json.",
        "writes_on": "Schrijfeindpunten staan aan (token vereist).",
        "writes_off": "Schrijfeindpunten staan uit (start de server met --token om ze aan te zetten).",
        "method": "Methode", "path": "Pad", "summary": "Omschrijving", "undated_label": "zonder datum",
        "skip": "Naar de inhoud", "latest": "Nieuwste artikelen", "one_source": "1 bron", "n_sources": "{n} bronnen",
        "date_placeholder": "JJJJ-MM-DD",
        "no_stories": "Nog geen verhalen. Groepeer de artikelen in verhalen met 'storyline cluster'.",
        "events": "Gebeurtenissen", "period": "Periode", "in_story": "Onderdeel van het verhaal",
        "more_in_story": "{n} artikelen in dit verhaal", "not_in_story": "Dit artikel hoort nog bij geen verhaal; "
                                                                         "'storyline cluster' deelt het in.",
        "story_timeline": "Tijdlijn", "languages": "Talen", "filter_language": "Taal van het artikel",
        "entity": "Entiteit", "entity_placeholder": "een naam", "sort": "Volgorde", "sort_recent": "Meest recent",
        "sort_size": "Grootste", "no_matching_stories": "Geen verhalen die aan deze filters voldoen.",
        "coverage_label": "Artikelen in de tijd, {first} tot {last} ({days} dagen per staaf)",
        "export_title": "Exporteren", "zoom_in": "Inzoomen op de gekozen datum",
        "zoom_out": "Uitzoomen rond de gekozen datum", "zoom_fit": "Alles tonen",
        "show_list": "Toon als lijst", "timeline_hint": "Scrol of knijp om te zoomen, sleep om te verschuiven; kies een "
                                                         "datum om te lezen wat er gebeurde.",
        "timeline_earlier": "Eerdere datum", "timeline_later": "Latere datum", "timeline_tools": "Knoppen van de tijdlijn",
        "timeline_keys": "Tijdlijn. Pijltjes links en rechts kiezen de vorige of volgende datum, Home en End de "
                         "eerste en laatste; + en − zoomen rond de gekozen datum, 0 toont alles, Page Up en "
                         "Page Down verschuiven.",
        "timeline_n_dates": "{n} data", "timeline_position": "datum {i} van {n}",
        "timeline_overview": "Overzicht: {n} data van {first} tot {last}; het omlijste deel staat hieronder.",
        "estimated": "geschat", "planned": "gepland",
        "also_reported_in": "ook gemeld in het {langs}",
        "also_reported_hint": "Dezelfde gebeurtenis zoals een artikel in een andere taal haar vertelde, zoals daar "
                              "geschreven.",
        "planned_hint": "Aangekondigd vóór deze datum: een plan, niet iets wat al gebeurd was toen het geschreven werd.",
        "estimated_hint": "De artikelen hebben geen datum; die is geschat uit wat ze zeggen of uit de gedateerde "
                          "artikelen die er het meest op lijken.",
        "date_unknown": "datum onbekend", "date_unknown_hint": "Niets dateert deze artikelen: ze staan achteraan.",
        "pick_date": "Kies een datum op de tijdlijn.", "timeline_sources": "Bronnen",
        "precision_day": "dag", "precision_month": "maand", "precision_year": "jaar", "precision_minute": "minuut",
        "no_timeline": "Voor dit verhaal kon geen gedateerde tijdlijn worden gemaakt.", "summary_title": "Samenvatting",
        "key_entities": "Belangrijkste namen", "mentions_count": "{n} keer genoemd", "mentions": "Vermeldingen",
        "name": "Naam", "type_PER": "persoon", "type_LOC": "plaats", "type_ORG": "organisatie", "type_MISC": "overige naam",
        "entity_type": "Soort", "also_named": "Ook genoemd", "any_type": "alle soorten", "name_contains": "Naam bevat",
        "no_entities": "Geen entiteiten gevonden. De tekstanalyse ('storyline analyse') vindt ze.",
        "no_entity": "Geen entiteit met de naam '{name}'", "no_entities_found": "Geen namen gevonden.",
        "dates_in_text": "Data in de tekst", "unresolved_date": "(geen kalenderdatum)", "no_dates_found": "Geen data gevonden.",
        "legend_entity": "naam", "legend_date": "datum", "co_occurring": "Samen genoemd met",
        "no_co_occurring": "Geen andere namen in de artikelen.",
        "co_sample_note": "Geteld over de {n} meest recente artikelen.", "entity_articles": "Artikelen die de naam noemen",
        "named_in": "genoemd in {n} van {total} artikelen", "search_entity": "Zoek deze naam in de teksten",
        "stories_with_entity": "Verhalen met deze naam",
        "articles_count_one": "1 artikel", "characters_one": "1 teken", "results_count_one": "1 resultaat",
        "more_in_story_one": "1 artikel in dit verhaal", "mentions_count_one": "1 keer genoemd",
        "named_in_one": "genoemd in {n} van 1 artikel", "co_sample_note_one": "Geteld over het meest recente artikel.",
        "confidence": "zekerheid", "largest_stories": "Grootste verhalen", "recent_stories": "Recent actieve verhalen",
        "all_stories": "Alle verhalen", "folded_before": "{n} eerdere artikelen ({first}–{last}) staan niet in de grafiek",
        "folded_after": "{n} latere artikelen ({first}–{last}) staan niet in de grafiek",
        "folded_before_one": "1 eerder artikel ({first}) staat niet in de grafiek",
        "folded_after_one": "1 later artikel ({first}) staat niet in de grafiek",
    },
}

LANGUAGE_NAMES = {
    "en": {"nl": "Dutch", "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
           "unknown": "unknown"},
    "nl": {"nl": "Nederlands", "en": "Engels", "de": "Duits", "fr": "Frans", "es": "Spaans", "it": "Italiaans",
           "unknown": "onbekend"},
}


def label(lang: str, key: str, **values: object) -> str:
    """The label `key` in `lang` (English when missing), with {blanks} filled in.

    A count of one picks the singular form `key_one` when there is one; the count is {total} when the label has
    one ("named in 1 of 1 article"), else {n}."""
    count = values.get("total", values.get("n"))
    if count is not None and str(count) == "1" and f"{key}_one" in LABELS[DEFAULT]:
        key = f"{key}_one"
    text = LABELS.get(lang, LABELS[DEFAULT]).get(key) or LABELS[DEFAULT].get(key, key)
    return text.format(**values) if values else text


def pick_language(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The interface language for a request."""
    for choice in (query, cookie):
        if choice in UI_LANGUAGES:
            return choice
    if accept:
        ranked = []
        for n, part in enumerate(accept.split(",")):
            tag, _, params = part.strip().partition(";")
            weight = 1.0
            if params.strip().startswith("q="):
                try:
                    weight = float(params.strip()[2:])
                except ValueError:
                    weight = 0.0
            ranked.append((-weight, n, tag.strip().lower()[:2]))
        for _, _, tag in sorted(ranked):
            if tag in UI_LANGUAGES:
                return tag
    return DEFAULT


def page_variant(request: Request) -> str | None:
    """What besides the URL decides a page's answer (for the kept answers of storyline.api.response_cache): the
    interface language; None when the request changes the language cookie (its answer sets a cookie, so it is
    neither kept nor served kept)."""
    chosen, cookie = request.query_params.get("lang"), request.cookies.get(COOKIE)
    if chosen in UI_LANGUAGES and chosen != cookie:
        return None
    return pick_language(chosen, cookie, request.headers.get("accept-language"))
