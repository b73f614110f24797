"""Syndication clusters: wire copies edited as sites edit them join one cluster."""

from __future__ import annotations

import random

from quotidien.model import Article, Block
from quotidien.store.dedup import Clusters, shingles, signature

WORDS = (
    "gouvernement ministre accord sommet président économie réforme retraite grève syndicat "
    "budget Paris Berlin Moscou Otan conseil vote loi député sénat élection campagne parti "
    "sondage taux inflation banque marché entreprise emploi chômage salaire impôt dette"
).split()


def story(seed: int, paragraphs: int = 8) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(35)) + "." for _ in range(paragraphs)]


def article(title: str, paragraphs: list[str]) -> Article:
    return Article(title=title, blocks=[Block(text=p) for p in paragraphs])


def edited(paragraphs: list[str]) -> list[str]:
    """A site's copy: paragraphs dropped and reordered, boilerplate added."""
    kept = paragraphs[:-2]
    kept[1], kept[2] = kept[2], kept[1]
    return ["Abonnez-vous à notre lettre d'information pour ne rien manquer.", *kept,
            "Avec AFP. Tous droits de reproduction réservés."]  # fmt: skip


def test_short_texts_are_not_clustered() -> None:
    assert shingles("trop court pour comparer") == set()
    assert signature(article("T", ["Une phrase."])) is None


def test_wire_copy_joins_the_original_and_other_stories_do_not() -> None:
    clusters = Clusters()
    original = story(1)
    assert clusters.assign("a", signature(article("Titre AFP", original))) == "a"
    assert clusters.assign("b", signature(article("Nouveau titre", edited(original)))) == "a"
    assert clusters.assign("c", signature(article("Titre AFP", story(2)))) == "c"
    assert clusters.assign("d", None) == "d"


def test_clusters_persist_through_signatures() -> None:
    original = story(3)
    first = signature(article("T", original))
    assert first is not None
    later = Clusters()
    later.load([("a", "a", first)])
    assert later.assign("b", signature(article("T2", edited(original)))) == "a"
