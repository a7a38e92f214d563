"""Story detection on awkward archives: one language, one article, no dates, unsupported languages, ingested twice."""

from __future__ import annotations

import storyline
from storyline.store import stories as q

MH17 = [
    ("MH17 neergeschoten boven Oekraïne", "Vlucht MH17 van Malaysia Airlines is boven Oost-Oekraïne neergestort. Aan "
     "boord waren 298 mensen, onder wie 193 Nederlanders. Premier Rutte spreekt van een zwarte dag."),
    ("Eerste slachtoffers MH17 aangekomen in Eindhoven", "Op vliegbasis Eindhoven zijn de eerste stoffelijke "
     "overschotten van slachtoffers van vlucht MH17 van Malaysia Airlines aangekomen uit Oost-Oekraïne."),
    ("Onderzoeksraad: MH17 neergehaald door Buk-raket", "De Onderzoeksraad voor Veiligheid concludeert dat vlucht "
     "MH17 van Malaysia Airlines boven Oost-Oekraïne is neergehaald door een Buk-raket."),
]
AJAX = [
    ("Ajax wint van PSV in Eindhoven", "Ajax heeft zondag in het Philips Stadion met 0-2 gewonnen van PSV. Trainer "
     "Ten Hag was tevreden over de Eredivisie-wedstrijd van zijn ploeg tegen de landskampioen."),
    ("Ajax speelt gelijk tegen Feyenoord", "Ajax heeft zondag in de Johan Cruijff Arena gelijkgespeeld tegen "
     "Feyenoord. Trainer Ten Hag was niet tevreden over de Eredivisie-wedstrijd van zijn ploeg."),
]


def _records(items, dates=None, lang="nl", prefix="r"):
    return [{"id": f"{prefix}{k}", "lang": lang, "title": t, "text": x,
             **({"published": dates[k]} if dates else {})} for k, (t, x) in enumerate(items)]


def _stories_by_external(archive):
    ids = {r[0]: r[1] for r in archive.store.conn.execute("SELECT external_id, article_id FROM sources")}
    return {ext: q.story_of(archive.store, aid)[1] for ext, aid in ids.items()}


def _assert_two_affairs_apart(by_ext, mh17, ajax):
    assert len({by_ext[k] for k in mh17}) == 1, by_ext
    assert len({by_ext[k] for k in ajax}) == 1, by_ext
    assert by_ext[mh17[0]] != by_ext[ajax[0]]


def test_one_language_archive_gives_one_story_per_affair_each_with_a_title():
    with storyline.open(":memory:") as archive:
        archive.ingest_records(_records(MH17, ["2014-07-17", "2014-07-23", "2015-10-13"], prefix="m")
                               + _records(AJAX, ["2014-07-20", "2014-07-27"], prefix="a"), cluster=True)
        by_ext = _stories_by_external(archive)
        _assert_two_affairs_apart(by_ext, ["m0", "m1", "m2"], ["a0", "a1"])
        titles = {s["id"]: s["title"] for s in archive.stories()}
        assert "MH17" in titles[by_ext["m0"]] and "Ajax" in titles[by_ext["a0"]]


def test_single_article_is_a_story_titled_by_its_headline():
    with storyline.open(":memory:") as archive:
        archive.ingest_records(_records(MH17[:1], ["2014-07-17"]), cluster=True)
        (story,) = archive.stories()
        assert story["n_articles"] == 1 and story["title"] == MH17[0][0]


def test_all_undated_articles_are_still_told_apart():
    with storyline.open(":memory:") as archive:
        archive.ingest_records(_records(MH17, prefix="m") + _records(AJAX, prefix="a"), cluster=True)
        assert archive.store.conn.execute("SELECT count(*) FROM articles WHERE published_start IS NULL").fetchone()[0] == 5
        _assert_two_affairs_apart(_stories_by_external(archive), ["m0", "m1", "m2"], ["a0", "a1"])


CHINESE = [
    ("上海举办国际茶叶博览会", "第十届上海国际茶叶博览会今天开幕，来自二十个国家的茶商展示了绿茶、红茶和乌龙茶。"),
    ("北京地铁新线路开通运营", "北京地铁十九号线今天正式开通运营，全长二十二公里，设十个车站，连接城市南北。"),
]
INDONESIAN = [
    ("Gempa bumi guncang Lombok", "Gempa bumi yang terjadi pada hari Minggu itu merusak rumah warga di Lombok dan "
     "membuat warga yang ketakutan mengungsi ke lapangan. Menurut petugas, warga yang rumahnya rusak akan dibantu "
     "oleh pemerintah daerah dan relawan yang sudah tiba di lokasi."),
    ("Harga beras naik di Jakarta", "Harga beras yang dijual di pasar di Jakarta naik pada bulan ini dan para "
     "pedagang mengatakan bahwa pembeli yang datang berkurang. Menurut pedagang, harga yang tinggi itu akan "
     "bertahan sampai panen yang akan datang di Jawa."),
    ("Timnas menang atas Malaysia", "Tim nasional yang bermain di Stadion Gelora pada hari Sabtu itu menang dua "
     "gol atas Malaysia dan para pendukung yang datang merayakan kemenangan itu. Menurut pelatih, pemain yang "
     "tampil sudah bekerja keras untuk hasil yang baik."),
]


def test_unsupported_languages_get_embeddings_and_are_not_pooled_for_lacking_a_language():
    with storyline.open(":memory:") as archive:
        records = [{"id": f"x{k}", "title": t, "text": x, "published": "2018-08-05"}
                   for k, (t, x) in enumerate(CHINESE + INDONESIAN)]
        archive.ingest_records(records, cluster=True)
        ids = [r[0] for r in archive.store.conn.execute("SELECT id FROM articles")]
        assert len(ids) == 5
        assert len(q.embeddings(archive.store, ids)) == 5
        by_ext = _stories_by_external(archive)
        assert len(set(by_ext.values())) == 5, by_ext  # five unrelated articles: five stories


def test_the_same_archive_ingested_twice_keeps_its_stories():
    records = _records(MH17, ["2014-07-17", "2014-07-23", "2015-10-13"], prefix="m") \
        + _records(AJAX, ["2014-07-20", "2014-07-27"], prefix="a")
    with storyline.open(":memory:") as archive:
        archive.ingest_records(records, cluster=True)
        before = {s["id"]: (s["title"], sorted(s["article_ids"])) for s in archive.stories()}
        again = archive.ingest_records(records, cluster=True)
        assert not again.new_ids
        after = {s["id"]: (s["title"], sorted(s["article_ids"])) for s in archive.stories()}
        assert after == before
