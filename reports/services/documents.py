"""The RAT pack as a printable PDF (fpdf2) and as an XLSX workbook, in Bahasa Indonesia."""

from fpdf import FPDF

from backend.money import format_rupiah
from backend.spreadsheets import write_xlsx_sheets

POOL_NAMES = {"reserve": "Cadangan", "jasa_anggota": "Jasa anggota (belanja)",
              "jasa_modal": "Jasa modal (simpanan)", "board": "Dana pengurus",
              "staff": "Dana karyawan", "education": "Dana pendidikan",
              "social": "Dana sosial"}
SHARE_HEADERS = ["No. Anggota", "Nama", "Belanja", "Rata-rata Simpanan", "Jasa Anggota",
                 "Jasa Modal", "SHU"]
SHARE_KEYS = ["member_number", "name", "purchases", "average_savings", "jasa_anggota",
              "jasa_modal", "total"]


def _latin(text) -> str:
    """The PDF's built-in fonts hold Latin-1: anything else prints as '?'."""
    return str(text).encode("latin-1", "replace").decode("latin-1")


class _Pack(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.title_text = title
        self.set_auto_page_break(True, 15)
        self.set_margins(15, 15, 15)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, _latin(f"{self.title_text} - halaman {self.page_no()}"), align="C")

    def heading(self, text):
        self.ln(3)
        self.set_font("Helvetica", "B", 12)
        self.cell(0, 8, _latin(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", size=9)

    def shares(self, rows):
        """Every member's share, one fixed-width line each (thousands of members: a cell
        per value would be seven times slower)."""
        self.set_font("Courier", "B", 6.5)
        self.cell(0, 4, SHARE_LINE.format(*SHARE_HEADERS[:2], "Belanja", "Rata2 simpanan",
                                          "Jasa anggota", "Jasa modal", "SHU"),
                  new_x="LMARGIN", new_y="NEXT")
        self.set_font("Courier", size=6.5)
        for row in rows:
            self.cell(0, 3.6, _share_line(row), new_x="LMARGIN", new_y="NEXT")

    def table(self, headers, rows, widths):
        self.set_font("Helvetica", "B", 8)
        for header, width in zip(headers, widths, strict=True):
            self.cell(width, 6, _latin(header), border=1)
        self.ln()
        self.set_font("Helvetica", size=8)
        for row in rows:
            for n, (value, width) in enumerate(zip(row, widths, strict=True)):
                text = format_rupiah(value) if isinstance(value, int) and n else value
                self.cell(width, 5, _latin(text), border=1,
                          align="R" if isinstance(value, int) else "L")
            self.ln()


SHARE_LINE = "{:<10} {:<24} {:>14} {:>14} {:>13} {:>13} {:>14}"


def _share_line(row: dict) -> str:
    return SHARE_LINE.format(row["member_number"][:10], _latin(row["name"])[:24],
                             *(format_rupiah(row[k]) for k in SHARE_KEYS[2:]))


def rat_pdf(figures: dict) -> bytes:
    title = f"Laporan RAT {figures['cooperative']} tahun buku {figures['year']}"
    pdf = _Pack(title)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, _latin(title), new_x="LMARGIN", new_y="NEXT")
    m = figures["membership"]
    pdf.heading("1. Keanggotaan")
    pdf.table(["Awal tahun", "Masuk", "Keluar", "Akhir tahun"],
              [[str(m["start"]), str(m["joined"]), str(m["left"]), str(m["end"])]],
              [45, 45, 45, 45])
    pdf.heading("2. Simpanan anggota")
    pdf.table(["Jenis simpanan", "Saldo awal", "Masuk", "Keluar", "Saldo akhir"],
              [[r["kind"], r["start"], r["in"], r["out"], r["end"]] for r in figures["savings"]],
              [50, 33, 33, 33, 33])
    s = figures["sales"]
    pdf.heading("3. Penjualan")
    pdf.table(["Uraian", "Jumlah"],
              [["Jumlah penjualan", s["total"]], ["Kepada anggota", s["members"]],
               ["Kepada bukan anggota", s["non_members"]]]
              + [[f"Saluran: {k}", v] for k, v in s["by_channel"].items()]
              + [[f"Toko: {k}", v] for k, v in s["by_store"].items()]
              + [[f"UMKM: {k}", v] for k, v in s["by_seller"].items()], [110, 60])
    last = figures["last_year"]
    pdf.heading(f"4. Perbandingan dengan tahun {last['year']}")
    pdf.table(["Uraian", str(last["year"]), str(figures["year"])],
              [["Anggota akhir tahun", str(last["members_end"]), str(m["end"])],
               ["Simpanan akhir tahun", last["savings_end"],
                sum(r["end"] for r in figures["savings"])],
               ["Penjualan", last["sales_total"], s["total"]]], [80, 50, 50])
    shu = figures["shu"]
    pdf.heading("5. Pembagian SHU")
    pdf.table(["Bagian", "Persen", "Jumlah"],
              [[POOL_NAMES[k], f"{shu['percents'][k]}%", v] for k, v in shu["pools"].items()]
              + [["SHU tahun berjalan", "100%", shu["surplus"]]], [80, 30, 60])
    pdf.heading("6. SHU per anggota")
    pdf.shares(shu["shares"])
    return bytes(pdf.output())


def rat_xlsx(figures: dict) -> bytes:
    m, s, shu = figures["membership"], figures["sales"], figures["shu"]
    return write_xlsx_sheets([
        ("Keanggotaan", ["Awal tahun", "Masuk", "Keluar", "Akhir tahun"],
         [[m["start"], m["joined"], m["left"], m["end"]]]),
        ("Simpanan", ["Jenis simpanan", "Saldo awal", "Masuk", "Keluar", "Saldo akhir"],
         [[r["kind"], r["start"], r["in"], r["out"], r["end"]] for r in figures["savings"]]),
        ("Penjualan", ["Uraian", "Jumlah"],
         [["Jumlah penjualan", s["total"]], ["Kepada anggota", s["members"]],
          ["Kepada bukan anggota", s["non_members"]]]
         + [[f"Saluran: {k}", v] for k, v in s["by_channel"].items()]
         + [[f"Toko: {k}", v] for k, v in s["by_store"].items()]
         + [[f"UMKM: {k}", v] for k, v in s["by_seller"].items()]),
        ("Pembagian SHU", ["Bagian", "Persen", "Jumlah"],
         [[POOL_NAMES[k], shu["percents"][k], v] for k, v in shu["pools"].items()]),
        ("SHU per anggota", SHARE_HEADERS,
         ([r[k] for k in SHARE_KEYS] for r in shu["shares"])),
    ])
