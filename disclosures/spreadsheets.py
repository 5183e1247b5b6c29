"""Lists of the portal as .xlsx: search results and a region's comparison table.

Amounts are written as numbers in 万元 (rounded once, as printed) with the exact 元 beside
where a reader may want to add them up."""

import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from .comparison import THREE_PUBLIC_ITEMS
from .downloads import attachment
from .presentation.numbers import wan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
THREE_PUBLIC_LABELS = {"overseas": "因公出国（境）费", "vehicle_purchase": "公务用车购置费",
                       "vehicle_operation": "公务用车运行费", "reception": "公务接待费"}


def _save(workbook):
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _header(sheet, labels):
    sheet.append(labels)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def search_xlsx(result):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "查询结果"
    _header(sheet, ["地区代码", "地区", "年度", "单位代码", "单位名称", "主管部门",
                    "支出合计（万元）", "“三公”经费合计（万元）", "所选功能分类（万元）",
                    "公开时间", "匹配的项目"])
    for hit in result.hits:
        org = hit.organisation
        sheet.append([org.region.code, org.region.name, hit.year, org.code, org.name,
                      org.parent.name if org.parent_id else "", float(wan(hit.total)),
                      float(wan(hit.three_public_total)),
                      None if hit.class_total is None else float(wan(hit.class_total)),
                      hit.budget.published_at.strftime("%Y-%m-%d") if hit.budget.published_at
                      else "",
                      "；".join(str(p).replace("<mark>", "").replace("</mark>", "")
                               for p in hit.projects)])
    return _save(workbook)


def compare_xlsx(rows, classes):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "单位比较"
    _header(sheet, ["单位代码", "单位名称", "支出合计", "基本支出", "项目支出", "基本支出占比（%）",
                    "人员经费", "公用经费", "机关运行经费", "“三公”经费合计",
                    *(THREE_PUBLIC_LABELS[k] for k in THREE_PUBLIC_ITEMS),
                    *(f"{code} {name}" for code, name in classes)])
    for row in rows:
        org = row.budget.organisation
        sheet.append([org.code, org.name, *(float(wan(v)) for v in (
            row.total, row.basic, row.project)), float(round(row.basic_share, 2)),
            float(wan(row.personnel)), float(wan(row.public)),
            None if row.running_cost is None else float(wan(row.running_cost)),
            float(wan(row.three_public)),
            *(float(wan(row.three_public_items[k])) for k in THREE_PUBLIC_ITEMS),
            *(float(wan(row.classes.get(code, 0))) for code, _name in classes)])
    sheet.append([])
    sheet.append(["金额单位：万元（由元精确数四舍五入）"])
    return _save(workbook)


def xlsx_response(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = attachment(filename, filename)
    return response
