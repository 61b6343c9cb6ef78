"""Languages: Qt translators for the UI and Qt itself, and the core's English messages translated."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from okcomposer.ui.common import core_strings

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
LANGUAGES = ("en", "ru")
_installed: list[QTranslator] = []
COUNT_PARAMS = {"count", "max", "min", "excess"}  # the numbers in rule messages shown in the UI's locale


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def ui_language(setting: str = "") -> str:
    """ "en" or "ru": the setting, else the first of the system's UI languages that we have, else English."""
    if setting in LANGUAGES:
        return setting
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def install(setting: str = "") -> str:
    """Load the translators for the chosen language (replacing earlier ones); returns "en" or "ru"."""
    app = QCoreApplication.instance()
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    language = ui_language(setting)
    if language == "ru":
        QLocale.setDefault(QLocale("ru_RU"))
        ours = QTranslator(app)
        if ours.load(str(TRANSLATIONS / "okcomposer_ru.qm")):
            _installed.append(ours)
        qt = QTranslator(app)
        if qt.load("qtbase_ru", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
    else:
        if QLocale.system().language() == QLocale.Language.C:  # no locale set (a bare container): en_US
            QLocale.setDefault(QLocale("en_US"))
        else:
            QLocale.setDefault(QLocale.system())
        # English needs a translator too, for its plural forms only: "%n photos" reads "1 photo"
        plurals = QTranslator(app)
        if plurals.load(str(TRANSLATIONS / "okcomposer_en.qm")):
            _installed.append(plurals)
    for translator in _installed:
        QCoreApplication.installTranslator(translator)
    return language


def block_name(kind: str) -> str:
    source = core_strings.BLOCK_NAMES.get(kind)
    return _translate("block types", source) if source else kind


def problem_text(problem) -> str:
    """A rules.Problem in the UI language: its rule's template translated, then filled from its params."""
    from okcomposer.api.rules import RULES
    from okcomposer.ui.common import times

    rule = RULES.get(problem.rule)
    if rule is None:
        return problem.message
    params = dict(problem.params)
    times.word_times(params)  # "12/1/2026 1:00 AM UTC" as the date field shows it, not "2026-12-01 01:00 UTC"
    for name in COUNT_PARAMS & params.keys():  # 100 000 in Russian, 100,000 in English
        if isinstance(params[name], int) and not isinstance(params[name], bool):
            params[name] = QLocale().toString(params[name])
    if isinstance(params.get("sources"), tuple | list):  # photo source keys: ("id", "file")
        names = [_translate("rules", core_strings.PHOTO_SOURCES.get(key, key)) for key in params["sources"]]
        params["sources"] = _translate("rules", core_strings.SOURCES_JOIN).join(names)
    try:
        text = _translate("rules", rule.template).format(**params)
    except (KeyError, IndexError, ValueError):  # a translation naming a field the template lacks
        text = rule.template.format(**params)
    if problem.block is None:
        return text
    kind = block_name(str(params.get("block_type", "")))
    return _translate("rules", core_strings.BLOCK_PREFIX).format(
        number=problem.block + 1, type=kind, text=text
    )


def size_text(n: int | None) -> str:
    """A file size in bytes as the user's language writes it ("1.5 MB", "1,5 МБ"); "?" for None."""
    if n is None:
        return "?"
    return QLocale().formattedDataSize(n, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def byte_progress(sent: int, total: int) -> dict[str, str]:
    """Bytes sent of a total, both in the total's unit, for a "{sent} of {total} {unit}" template:
    {"sent": "0.3", "total": "1.2", "unit": "MB"}, or KB below a megabyte (never "0.0 of 0.0 MB")."""
    megabytes = total >= 1024 * 1024
    scale = 1024 * 1024 if megabytes else 1024
    unit = (
        QCoreApplication.translate("units", "MB") if megabytes else QCoreApplication.translate("units", "KB")
    )
    locale = QLocale()
    return {
        "sent": locale.toString(sent / scale, "f", 1),
        "total": locale.toString(total / scale, "f", 1),
        "unit": unit,
    }


def precheck_text(result) -> str:
    """A media.precheck result in the UI language."""
    from okcomposer.ui.common.message_text import precheck_reason_text

    said = precheck_reason_text(result)  # a missing or empty file: as precisely as `okcomposer check`
    if said is not None:
        return said
    name = Path(result.path).name
    params = {"name": name, "size": size_text(result.bytes), "width": result.width, "height": result.height}
    source = core_strings.PRECHECK.get(result.code) if result.code else core_strings.PRECHECK_OK
    return _translate("photos", source).format(**params) if source else result.message


def error_help(code: int) -> str:
    return _translate("errors", core_strings.ERROR_HELP.get(code, core_strings.ERROR_HELP_DEFAULT))


def error_text(exc: BaseException) -> str:
    """What went wrong, for a person: OK's code and name with a plain explanation, or the failure in words."""
    from okcomposer.api import errors
    from okcomposer.app.accounts import CredentialsMissing
    from okcomposer.app.messages import MessageError
    from okcomposer.app.photos import BadPhotos
    from okcomposer.app.publish import InvalidPost
    from okcomposer.app.retry import OutcomeUnknown
    from okcomposer.store.secrets import NoKeyringError

    if isinstance(exc, errors.OkApiError):
        head = f"{exc.code} {exc.name}: {exc.message}" if exc.message else f"{exc.code} {exc.name}"
        return f"{head}\n{error_help(exc.code)}"
    if isinstance(exc, OutcomeUnknown):
        return QCoreApplication.translate(
            "errors",
            "The connection broke while OK was publishing, and OK could not confirm whether the post "
            "went out. Look at the page or group on ok.ru before publishing again.",
        )
    if isinstance(exc, errors.OkCancelled):
        return QCoreApplication.translate("errors", "Cancelled; nothing was published.")
    if isinstance(exc, errors.OkNetworkError):
        return (
            QCoreApplication.translate(
                "errors", "Could not reach OK. Check the internet connection and try again."
            )
            + f"\n{exc}"
        )
    if isinstance(exc, errors.OkHttpError):
        text = QCoreApplication.translate(
            "errors", "OK answered with HTTP status {status}. Try again in a few minutes."
        )
        return text.format(status=exc.status)
    if isinstance(exc, errors.OkRedirect):
        text = QCoreApplication.translate(
            "errors",
            "The server sent okcomposer on to another address ({host}). okcomposer never follows such a "
            "redirect, so nothing was sent there. Check the API address in the settings or your network.",
        )
        return text.format(host=exc.host)
    if isinstance(exc, errors.OkBadResponse):
        return (
            QCoreApplication.translate(
                "errors", "OK sent an answer okcomposer does not understand. Try again later."
            )
            + f"\n{exc}"
        )
    if isinstance(exc, errors.OkAuthError):
        return (
            QCoreApplication.translate("errors", "Signing in failed. Start again with a new sign-in page.")
            + f"\n{exc}"
        )
    if isinstance(exc, CredentialsMissing):
        return QCoreApplication.translate(
            "errors", "The keyring has no sign-in for this account. Sign in again."
        )
    if isinstance(exc, NoKeyringError):
        return QCoreApplication.translate(
            "errors", "No system keyring is available to keep your sign-in safe."
        )
    if isinstance(exc, InvalidPost):
        return "\n".join(problem_text(p) for p in exc.problems)
    if isinstance(exc, BadPhotos):
        return "\n".join(precheck_text(r) for r in exc.results)
    if isinstance(exc, MessageError):  # a refused video, an unreadable import file
        from okcomposer.ui.common.message_text import message_text

        return message_text(exc.reason)
    return QCoreApplication.translate("errors", "Something went wrong: {error}").format(error=exc)
