"""Principal names: two affairs of one kind in two places stay two stories (Weights.names_apart).

The articles are written for these tests (no text of any data set): two shootings three weeks apart in two
invented towns, each reported by four articles whose headlines name the town.
"""

from __future__ import annotations

from storyline.cluster.online import Doc, StoryClusterer
from storyline.cluster.scoring import Weights

from .background import FESTIVAL, dated_docs, other_news, replayed
from .background import TOPICS as EVERYDAY

PORT_ELLIS = [
    ("Two dead in shooting on Maplewood Avenue in Port Ellis",
     "A gunman opened fire on Maplewood Avenue in Port Ellis on Sunday evening, killing two people and wounding "
     "eleven. Police said the shooter died after an exchange of gunfire with officers. Premier Helen Marsh of "
     "Northshire offered her condolences.", "2031-07-06"),
    ("Port Ellis police name the Maplewood Avenue gunman",
     "Police in Port Ellis named the gunman who killed two people in the shooting on Maplewood Avenue. Officers "
     "searched his apartment and said he had a history of mental illness.", "2031-07-07"),
    ("Port Ellis mourns the victims of the Maplewood Avenue shooting",
     "Hundreds gathered in Port Ellis for a vigil for the two people killed in the shooting on Maplewood Avenue. "
     "The mayor called for stricter gun laws in Northshire after the shooting.", "2031-07-08"),
    ("Maplewood Avenue reopens after the Port Ellis shooting",
     "Shops on Maplewood Avenue in Port Ellis reopened a week after the shooting that killed two people. Police "
     "said the gunman acted alone.", "2031-07-13"),
]
CARROW_BAY = [
    ("Four dead in shooting in Carrow Bay",
     "A gunman opened fire in a residential street of Carrow Bay on Friday morning, killing four people, two of "
     "them police officers. Police said the shooter was arrested after the shooting. Premier Helen Marsh of "
     "Northshire offered her condolences.", "2031-07-27"),
    ("Carrow Bay police officers among the dead in shooting",
     "Two police officers were among the four people killed in the shooting in Carrow Bay. Officers said the "
     "gunman fired from the window of his apartment.", "2031-07-27"),
    ("Carrow Bay gunman faces murder charges",
     "The man arrested after the shooting in Carrow Bay was charged with four counts of murder. Police said the "
     "gunman had a licence for his gun.", "2031-07-28"),
    ("Carrow Bay holds a vigil for the shooting victims",
     "Hundreds gathered in Carrow Bay for a vigil for the four people killed in the shooting. The mayor thanked "
     "the police officers who arrested the gunman.", "2031-07-30"),
]
# Other news of the weeks: an archive in which Port Ellis and Carrow Bay are rare names.
TOPICS = [*EVERYDAY, FESTIVAL]


def _others():
    return other_news("2031-06", TOPICS)


def _twice_the_news() -> list[Doc]:
    """The other news and the same news a month before: an archive in which a name of eight reports is still rare."""
    others = _others()
    return others + [Doc("m" + d.id, d.title, d.text, "en", d.day - 40) for d in others]


def _cluster(weights: Weights) -> StoryClusterer:
    """The two shootings as two stories (as stored assignments replayed), then one refinement: linking, the merge
    pass and the second look compare them."""
    return replayed(weights, _others(), [("p", dated_docs(PORT_ELLIS, "p")), ("c", dated_docs(CARROW_BAY, "c"))])


def test_regression_shootings_in_two_towns_three_weeks_apart_made_one_story():
    # Without the rule the two stories (the words of a shooting, police, vigil, mayor; close embeddings) merge.
    merged = _cluster(Weights(names_apart=False))
    assert merged.story_of("p0") == merged.story_of("c0")
    c = _cluster(Weights())
    assert c.story_of("p0") == c.story_of("p3") != c.story_of("c0") == c.story_of("c3")


def test_a_story_whose_headlines_name_the_other_story_s_place_still_merges():
    # A fragment about the same town (its principal name among the larger story's headlines) is no other affair.
    items = [(t.replace("Carrow Bay", "Port Ellis"), x.replace("Carrow Bay", "Port Ellis"), d) for t, x, d in CARROW_BAY]
    c = replayed(Weights(), _others(), [("p", dated_docs(PORT_ELLIS, "p")), ("c", dated_docs(items, "c"))])
    assert c.story_of("p0") == c.story_of("c0")


# A long story whose headlines name its place in only a fifth to a quarter of them: the reports lead with the
# street, the victims, the gunman, the funerals (session 16: the Parkland story of many headlines took in a school
# shooting in another state; two Tel Aviv shootings months apart, two US primaries, merged the same way).
PORT_ELLIS_LONG = [
    ("Two dead in shooting in Port Ellis",
     "A gunman opened fire on Maplewood Avenue in Port Ellis on Sunday evening, killing two people and wounding "
     "eleven. Police said the shooter died after an exchange of gunfire with officers. Premier Helen Marsh of "
     "Northshire offered her condolences.", "2031-07-06"),
    ("Police name the gunman of Sunday's shooting",
     "Police in Port Ellis named the gunman who killed two people in the shooting on Maplewood Avenue. Officers "
     "searched his apartment and said he had a history of mental illness.", "2031-07-07"),
    ("Hundreds attend a vigil for the shooting victims",
     "Hundreds gathered in Port Ellis for a vigil for the two people killed in the shooting on Maplewood Avenue. "
     "The mayor called for stricter gun laws in Northshire after the shooting.", "2031-07-08"),
    ("Maplewood Avenue reopens after the shooting",
     "Shops on Maplewood Avenue in Port Ellis reopened a week after the shooting that killed two people. Police "
     "said the gunman acted alone.", "2031-07-13"),
    ("The gunman acted alone, officers say",
     "Officers investigating the shooting on Maplewood Avenue in Port Ellis said the gunman acted alone and bought "
     "his gun legally.", "2031-07-14"),
    ("Victims of the shooting laid to rest",
     "The two people killed in the shooting on Maplewood Avenue in Port Ellis were buried on Tuesday. The mayor "
     "and police officers attended the funerals.", "2031-07-15"),
    ("Port Ellis council debates stricter gun laws",
     "The council of Port Ellis debated stricter gun laws after the shooting on Maplewood Avenue. Police said the "
     "gunman had a licence for his gun.", "2031-07-16"),
    ("Wounded survivors leave hospital",
     "Nine of the eleven people wounded in the shooting on Maplewood Avenue in Port Ellis left hospital. Police "
     "thanked the officers who stopped the gunman.", "2031-07-18"),
]


def _cluster_long(weights: Weights) -> StoryClusterer:
    """As `_cluster`, in an archive twice as large (so that a name in the eight reports is still a rare one)."""
    return replayed(weights, _twice_the_news(),
                    [("p", dated_docs(PORT_ELLIS_LONG, "p")), ("c", dated_docs(CARROW_BAY, "c"))])


def test_regression_a_long_story_naming_its_place_in_a_quarter_of_its_headlines_took_in_another_shooting():
    # Port Ellis is named in 2 of the 8 headlines, Maplewood Avenue in 1: under a principal-name share of 30 % the
    # long story had no principal name, so nothing kept the Carrow Bay shooting out of it.
    merged = _cluster_long(Weights(persons_share=0.3))
    assert merged.story_of("p0") == merged.story_of("c0")
    c = _cluster_long(Weights())
    assert c.story_of("p0") == c.story_of("p7") != c.story_of("c0") == c.story_of("c3")


# A long story on the Carrow Bay shooting whose one headline in eight recalls Port Ellis (session 16: a story on a
# shooting at a Sikh temple in 2012, one of whose headlines recalled the 1984 riots, merged with the riots' story).
CARROW_BAY_LONG = CARROW_BAY + [
    ("Carrow Bay shooting recalls the one in Port Ellis three weeks ago",
     "The shooting in Carrow Bay, in which four people died, came three weeks after a gunman killed two people in "
     "Port Ellis. Police in Carrow Bay said the two gunmen had no link.", "2031-07-31"),
    ("Carrow Bay buries its police officers",
     "Carrow Bay buried the two police officers killed in the shooting. Hundreds of officers from across "
     "Northshire attended the funeral.", "2031-08-02"),
    ("Carrow Bay gunman appears in court",
     "The man charged with the four murders in Carrow Bay appeared in court. His lawyer said he would plead not "
     "guilty.", "2031-08-04"),
    ("Carrow Bay mayor calls for a gun amnesty",
     "The mayor of Carrow Bay called for a gun amnesty after the shooting in which four people died.", "2031-08-05"),
]


def _cluster_pair(weights: Weights, first, second) -> StoryClusterer:
    return replayed(weights, _twice_the_news(), [("p", dated_docs(first, "p")), ("c", dated_docs(second, "c"))])


def test_regression_a_story_one_of_whose_headlines_recalls_another_affair_took_that_affair_in():
    # Port Ellis, the smaller story's principal name, is named in one of the eight Carrow Bay headlines (12 %): a
    # passing recall, not what the story is about. Under a bar of 10 % the two stories merged.
    merged = _cluster_pair(Weights(persons_frequent=0.1), PORT_ELLIS, CARROW_BAY_LONG)
    assert merged.story_of("p0") == merged.story_of("c0")
    c = _cluster_pair(Weights(), PORT_ELLIS, CARROW_BAY_LONG)
    assert c.story_of("p0") == c.story_of("p3") != c.story_of("c0") == c.story_of("c7")
