#!/usr/bin/env python3
"""Writes the built-in story sets scored by likelihood: story-text (perplexity) and story-endings (multiple choice).

The stories are composed for evalstream from the word lists below (no outside text), in plain words: letters,
spaces, commas and full stops, so that every tiny model in ../shared/models can tokenize them (the character-level
one has no newline, the 656K one no parenthesis), and short enough (at most 250 characters) that the character-level
model's 256-token context holds a whole story. Seeded: running it again writes the same files.

    python3 benchmarks/tools/write_stories.py
"""
import json
import pathlib
import random

OUT = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/datasets"
NAMES = ["Mia", "Ben", "Zoe", "Sam", "Lily", "Max", "Anna", "Leo", "Ruby", "Tim", "Nora", "Jack", "Ella", "Finn",
         "Rosa", "Omar", "Ivy", "Hugo", "June", "Theo"]
FRIENDS = ["a small brown dog", "a sleepy cat", "a little bird", "a kind old frog", "a happy duck", "a shy bunny",
           "a big gray goat", "a tiny mouse", "a friendly cow", "a slow turtle"]
PLACES = ["the park", "the garden", "the beach", "the farm", "the forest", "the lake", "the hill", "the yard",
          "the market", "the library"]
THINGS = ["red ball", "blue kite", "yellow hat", "shiny key", "green boat", "soft blanket", "wooden box",
          "paper star", "silver bell", "striped sock"]
LOSSES = ["lost the {t} near a tall tree", "dropped the {t} into the water", "could not find the {t} anywhere",
          "saw the wind take the {t} away", "left the {t} under a big rock"]
HELPS = ["{f} helped look behind every bush", "{f} pointed at a quiet corner", "{f} sniffed around and ran ahead",
         "{f} waited and listened very closely", "{f} climbed up to see far away"]
FOUNDS = ["At last they found the {t} and {n} laughed.", "Soon the {t} was back and {n} said thank you.",
          "The {t} was safe again, and {n} hugged {f}.", "They carried the {t} home before the sun went down.",
          "{n} held the {t} tight and smiled all the way home."]
FEELINGS = ["happy", "sad", "worried", "excited", "brave", "curious"]
ENDS = ["That night {n} dreamed about {p}.", "From that day on, {n} and {f} were best friends.",
        "{n} learned that friends make every problem smaller.", "Mom made warm soup, and {n} told her everything.",
        "The next morning {n} went back to {p} to play again."]


def friend_short(friend):
    return "the " + friend.split(" ", 2)[-1]


def story(rng):
    n, f, p, t = rng.choice(NAMES), rng.choice(FRIENDS), rng.choice(PLACES), rng.choice(THINGS)
    fs = friend_short(f)
    parts = [
        f"{n} went to {p} with {f}.",
        f"{n} felt {rng.choice(FEELINGS)}, then {rng.choice(LOSSES).format(t=t)}.",
        rng.choice(HELPS).format(f=fs.capitalize()) + ".",
        rng.choice(FOUNDS).format(t=t, n=n, f=fs),
        rng.choice(ENDS).format(n=n, f=fs, p=p),
    ]
    text = " ".join(parts)
    return {"n": n, "f": fs, "p": p, "t": t, "parts": parts, "text": text}


def main():
    rng = random.Random(18)
    seen, stories = set(), []
    while len(stories) < 300:
        s = story(rng)
        if len(s["text"]) <= 250 and s["text"] not in seen:
            seen.add(s["text"])
            stories.append(s)
    (OUT / "story-text").mkdir(parents=True, exist_ok=True)
    with open(OUT / "story-text/stories.jsonl", "w") as out:
        for i, s in enumerate(stories):
            out.write(json.dumps({"id": f"t{i:03d}", "text": s["text"]}) + "\n")
    # Which ending fits: the right one names the story's child and lost thing; the others come from stories about
    # another child and thing, so a model that keeps track of who and what prefers the right one.
    (OUT / "story-endings").mkdir(parents=True, exist_ok=True)
    with open(OUT / "story-endings/endings.jsonl", "w") as out:
        for i, s in enumerate(stories[:120]):
            others = [o for o in stories if o["n"] != s["n"] and o["t"] != s["t"]]
            wrong = []
            for o in rng.sample(others, 3):
                wrong.append(o["parts"][3])
            endings = wrong + [s["parts"][3]]
            rng.shuffle(endings)
            out.write(json.dumps({"id": f"e{i:03d}", "story": " ".join(s["parts"][:3]), "endings": endings,
                                  "label": endings.index(s["parts"][3])}) + "\n")


if __name__ == "__main__":
    main()
