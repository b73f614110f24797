"""Entities (`nlp/entities.py`) on short French pages: names gathered under one person,
names the tagger gets wrong dropped or re-kinded."""

from __future__ import annotations

from helpers import analyzed

from quotidien.model import Article, Entity


def named(record: Article, name: str) -> Entity:
    found = [e for e in record.entities if e.name == name]
    assert found, f"no entity {name!r}: {[e.name for e in record.entities]}"
    return found[0]


def test_one_person_under_full_name_surname_role_and_pronoun() -> None:
    text = (
        "Diplomatie\n\n"
        "Le président russe Vladimir Poutine a reçu mardi son homologue chinois.\n\n"
        "Poutine a salué « une amitié sans limites ». Il a assuré que les échanges "
        "allaient croître."
    )
    record = analyzed(text, "fr", "rules")
    putin = named(record, "Vladimir Poutine")
    assert putin.kind == "person"
    texts = {m.text for m in putin.mentions}
    assert {"Poutine", "Il"} <= texts
    assert len([e for e in record.entities if "Poutine" in e.name]) == 1


def test_the_domain_of_a_title_and_page_words_are_not_names() -> None:
    text = (
        "Défense\n\n"
        "Le ministre de la Défense Sébastien Lecornu a visité la base de Toulon.\n\n"
        "Fermer"
    )
    record = analyzed(text, "fr", "rules")
    assert not [e for e in record.entities if e.name in ("Défense", "Fermer")]
    assert named(record, "Toulon").kind == "place"


def test_a_people_the_tagger_calls_a_place_is_not_a_place() -> None:
    text = (
        "Sondage\n\n"
        "Selon un sondage, 62 % des Français jugent la réforme injuste.\n\n"
        "Les Allemands ont voté dimanche. Il vit à Calais depuis dix ans."
    )
    record = analyzed(text, "fr", "rules")
    kinds = {e.name: e.kind for e in record.entities}
    assert kinds.get("Français") != "place"
    assert kinds.get("Allemands") != "place"
    assert kinds["Calais"] == "place"  # a town ending like a people keeps its kind
