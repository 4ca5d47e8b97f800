#!/usr/bin/env python3
"""Writes entrants.csv and passings.csv of the Riverside 10K (race.yaml), the same bytes on every run.

Python 3 standard library only: python3 examples/riverside-10k/generate.py
"""
import csv
import io
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261129
WAVES = {"A": (9 * 3600, range(1, 161)), "B": (9 * 3600 + 15 * 60, range(500, 640))}
FIRST = ["Anna", "Lukas", "Sophie", "Maximilian", "Lena", "David", "Marie", "Jakob", "Laura", "Tobias", "Katharina",
         "Florian", "Julia", "Stefan", "Elena", "Matthias", "Hannah", "Felix", "Sarah", "Paul", "Nora", "Samuel",
         "Miriam", "Jonas", "Ines", "Aleksandar", "Zeynep", "Mateo", "Chiara", "Piotr", "Aoife", "Kwame", "Yuki"]
LAST = ["Gruber", "Huber", "Wagner", "Müller", "Pichler", "Steiner", "Moser", "Mayer", "Hofer", "Leitner", "Berger",
        "Fuchs", "Eder", "Fischer", "Schmid", "Winkler", "Weber", "Schwarz", "Maier", "Novak", "Horvath", "Kovačić",
        "Yılmaz", "Rossi", "Kowalski", "Dubois", "Nakamura", "Mensah", "García"]
# names that a CSV must quote
ODD = ["O'Brien, Jr., Sean", 'Anna "Nan" Berger', "Lee, Min-jun", 'Josef "Sepp" Gruber', "van der Berg, Eva"]
COUNTRIES = ["AUT"] * 12 + ["GER"] * 4 + ["HUN", "CZE", "SVK", "SLO", "ITA", "CRO", "SUI", "GBR", "IRL", "USA", "KEN",
                                           "JPN", "POL", "TUR", "ESP", "FRA"]
STRAY_CHIPS = ["99001", "99002", "4711", "0", "99017"]


def category(sex, age):
    band = "" if age < 35 else str(age // 5 * 5)
    return ("M" if sex == "M" else "W" if sex == "F" else "X") + (band or "OPEN")


def hms(seconds):
    whole = int(seconds)
    millis = int(round((seconds - whole) * 1000))
    if millis == 1000:
        whole, millis = whole + 1, 0
    return "%02d:%02d:%02d.%03d" % (whole // 3600, whole // 60 % 60, whole % 60, millis)


def main():
    rnd = random.Random(SEED)
    entrants = []
    odd = list(ODD)
    for wave, (gun, bibs) in WAVES.items():
        for bib in bibs:
            sex = rnd.choice("MMMFFFX" if rnd.random() < 0.02 else "MF")
            name = odd.pop() if odd and rnd.random() < 0.03 else "%s %s" % (rnd.choice(FIRST), rnd.choice(LAST))
            age = rnd.randint(18, 72)
            # min per km: wave A faster
            pace = max(3.1, min(8.5, rnd.gauss(4.9 if wave == "A" else 5.8, 0.7)))
            target = ""
            if rnd.random() < 0.3:
                target = "0:%02d:00" % min(59, max(32, int(pace * 10 + rnd.choice([-2, -1, 0, 1]))))
            entrants.append({"bib": bib, "name": name, "sex": sex, "age": age, "category": category(sex, age),
                             "country": rnd.choice(COUNTRIES), "target": target, "gun": gun, "pace": pace})
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["bib", "name", "sex", "age", "category", "country", "target"])
    for e in entrants:
        writer.writerow([e["bib"], e["name"], e["sex"], e["age"], e["category"], e["country"], e["target"]])
    with open(os.path.join(HERE, "entrants.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())

    reads = []  # (seconds of day, chip, mat)
    for e in entrants:
        if rnd.random() < 0.01:
            continue  # did not start
        # the start line is crossed up to 3 minutes after the gun, later bibs further back
        start = e["gun"] + 5 + (e["bib"] % 500) / 160 * 170 + rnd.uniform(0, 10)
        per_km = e["pace"] * 60
        five = start + 5 * per_km * rnd.uniform(0.97, 1.03)
        finish = five + 5 * per_km * rnd.uniform(0.97, 1.08)
        chip = str(e["bib"])
        crossings = [(start, "START", 0.04), (five, "5K", 0.03)]
        if rnd.random() > 0.02:  # a few do not finish
            crossings.append((finish, "FINISH", 0.01))
        for at, mat, missed in crossings:
            if rnd.random() < missed:
                continue  # the mat missed the chip
            reads.append((at, chip, mat))
            if rnd.random() < 0.12:  # read again within the same crossing
                reads.append((at + rnd.uniform(0.4, 2.5), chip, mat))
    for chip in STRAY_CHIPS:  # chips nobody of the race wears (a spectator's, a tag of last year)
        reads.append((9 * 3600 + rnd.uniform(-600, 4000), chip, rnd.choice(["START", "5K", "FINISH"])))
    reads.sort()
    lines = ["chip,timing_point,time,reader,seq"]
    for seq, (at, chip, mat) in enumerate(reads, start=1):
        lines.append("%s,%s,%s,%s-1,%d" % (chip, mat, hms(at), mat, seq))
    # a line the timing system garbled (a write cut short by a power dip)
    garbled_at = len(lines) * 2 // 3
    lines[garbled_at] = lines[garbled_at][:9] + "\ufffd\ufffd,,"
    with open(os.path.join(HERE, "passings.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")
    print("entrants.csv: %d entrants; passings.csv: %d reads" % (len(entrants), len(lines) - 1))


if __name__ == "__main__":
    main()
