"""Syndication clusters: wire copies edited as sites edit them join one cluster."""

from __future__ import annotations

import random

from quotidien.model import Article, Block
from quotidien.store import open_store
from quotidien.store.base import Batch, NewArticle
from quotidien.store.dedup import Clusters, band_keys, shingles, signature, similarity

WORDS = [
    "gouvernement",
    "ministre",
    "accord",
    "sommet",
    "président",
    "économie",
    "réforme",
    "retraite",
    "grève",
    "syndicat",
    "budget",
    "Paris",
    "Berlin",
    "Moscou",
    "Otan",
    "conseil",
    "vote",
    "loi",
    "député",
    "sénat",
    "élection",
    "campagne",
    "parti",
    "sondage",
    "taux",
    "inflation",
    "banque",
    "marché",
    "entreprise",
    "emploi",
    "chômage",
    "salaire",
    "impôt",
    "dette",
]


def story(seed: int, paragraphs: int = 8) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(35)) + "." for _ in range(paragraphs)]


def article(title: str, paragraphs: list[str]) -> Article:
    return Article(title=title, blocks=[Block(text=p) for p in paragraphs])


def edited(paragraphs: list[str]) -> list[str]:
    """A site's copy: paragraphs dropped and reordered, boilerplate added."""
    kept = paragraphs[:-2]
    kept[1], kept[2] = kept[2], kept[1]
    return [
        "Abonnez-vous à notre lettre d'information pour ne rien manquer.",
        *kept,
        "Avec AFP. Tous droits de reproduction réservés.",
    ]


def test_short_texts_are_not_clustered() -> None:
    assert shingles("trop court pour comparer") == set()
    assert signature(article("T", ["Une phrase."])) is None


def nothing_stored(keys: list[int]) -> list[tuple[str, str, bytes]]:
    return []


def test_wire_copy_joins_the_original_and_other_stories_do_not() -> None:
    clusters = Clusters(nothing_stored)
    original = story(1)
    assert clusters.assign("a", signature(article("Titre AFP", original)))[0] == "a"
    assert clusters.assign("b", signature(article("Nouveau titre", edited(original))))[0] == "a"
    assert clusters.assign("c", signature(article("Titre AFP", story(2))))[0] == "c"
    assert clusters.assign("d", None) == ("d", [])


def test_signatures_estimate_jaccard() -> None:
    one, two = signature(article("T", story(5))), signature(article("T", story(6)))
    assert one is not None
    assert two is not None
    assert similarity(one, one) == 1.0
    assert similarity(one, two) < 0.1
    assert len(band_keys(one)) == len(set(band_keys(one)))


def test_clusters_persist_through_the_store(database: str) -> None:
    store = open_store(database)
    original = story(3)
    first = Clusters(store.similar)
    head = article("T", original)
    cluster, bands = first.assign("aaaa", signature(head))
    store.write(
        Batch(articles=[NewArticle("aaaa", "sha1:x", cluster, head, signature(head), bands)])
    )
    later = Clusters(store.similar)
    assert later.assign("bbbb", signature(article("T2", edited(original))))[0] == "aaaa"
    assert later.assign("cccc", signature(article("T3", story(4))))[0] == "cccc"
