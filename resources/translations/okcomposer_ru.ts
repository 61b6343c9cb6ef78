<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About okcomposer</source>
        <translation>О программе okcomposer</translation>
    </message>
    <message>
        <source>Compose and publish posts and Moments to OK.ru: text, photos, polls, links and more, in your groups or on your page, on time.</source>
        <translation>Готовьте и публикуйте посты и Моменты в ОК: текст, фото, опросы, ссылки и многое другое — в ваших группах или на вашей странице, точно в срок.</translation>
    </message>
    <message>
        <source>Qt {qt}, PySide6 {pyside}, Python {python}</source>
        <translation>Qt {qt}, PySide6 {pyside}, Python {python}</translation>
    </message>
    <message>
        <source>Free software under the MIT licence. Not made by or affiliated with OK.ru.</source>
        <translation>Свободная программа под лицензией MIT. Не связана с ОК и не создана ими.</translation>
    </message>
</context>
<context>
    <name>AccountDialogs</name>
    <message>
        <source>No keyring</source>
        <translation>Нет хранилища паролей</translation>
    </message>
    <message>
        <source>Signing in to OK needs a system keyring, and none is available.</source>
        <translation>Для входа в ОК нужно системное хранилище паролей, а его нет.</translation>
    </message>
    <message>
        <source>okcomposer stores sign-ins only in the system keyring, never in a plain file.

On Linux, install “GNOME Keyring” or “KWallet” from your software centre, then log out and back in: it unlocks with your login. Windows and macOS have a keyring built in.

You are using the sandbox now, with its demo account: every feature works here without a keyring.</source>
        <translation>okcomposer хранит данные входа только в системном хранилище паролей и никогда — в обычном файле.

В Linux установите «GNOME Keyring» или «KWallet» из центра приложений, затем выйдите из системы и войдите снова: хранилище открывается вместе со входом в систему. В Windows и macOS хранилище встроено.

Сейчас вы в песочнице, с её демо-аккаунтом: здесь все возможности работают без хранилища паролей.</translation>
    </message>
    <message>
        <source>okcomposer cannot keep your sign-in safe: no system keyring is available.</source>
        <translation>okcomposer не может надёжно сохранить ваш вход: системное хранилище паролей недоступно.</translation>
    </message>
    <message>
        <source>okcomposer stores sign-ins only in the system keyring, never in a plain file.

On Linux, install “GNOME Keyring” or “KWallet” from your software centre, then log out and back in: it unlocks with your login. Windows and macOS have a keyring built in.

Until then you can try every feature in the sandbox: right-click okcomposer in your applications menu and choose “Try in the sandbox”.</source>
        <translation>okcomposer хранит данные входа только в системном хранилище паролей и никогда — в обычном файле.

В Linux установите «GNOME Keyring» или «KWallet» из центра приложений, затем выйдите из системы и войдите снова: хранилище открывается вместе со входом в систему. В Windows и macOS хранилище встроено.

А пока все возможности можно попробовать в песочнице: щёлкните правой кнопкой по okcomposer в меню приложений и выберите «Попробовать в песочнице».</translation>
    </message>
    <message>
        <source>Session expired</source>
        <translation>Сеанс истёк</translation>
    </message>
    <message>
        <source>Your OK session has expired.</source>
        <translation>Ваш сеанс в ОК истёк.</translation>
    </message>
    <message>
        <source>Sign in again to continue. Your post stays in the composer as it is; nothing was lost.</source>
        <translation>Чтобы продолжить, войдите снова. Публикация остаётся в редакторе как есть, ничего не потеряно.</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Войти снова</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Позже</translation>
    </message>
</context>
<context>
    <name>AccountSwitcher</name>
    <message>
        <source>The OK account that publishes your posts</source>
        <translation>Аккаунт ОК, от имени которого выходят ваши публикации</translation>
    </message>
    <message>
        <source>{name} (sandbox)</source>
        <translation>{name} (песочница)</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Вход не выполнен</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Войти…</translation>
    </message>
    <message>
        <source>{name} ({server})</source>
        <translation>{name} ({server})</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Аккаунт</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <source>Sign out of {name}?</source>
        <translation>Выйти из аккаунта {name}?</translation>
    </message>
    <message>
        <source>Its sign-in is deleted from this computer&apos;s keyring. {next} becomes the current account: posts are then published as {next}.</source>
        <translation>Данные входа будут удалены из хранилища паролей этого компьютера. Текущим станет аккаунт {next}: публикации будут выходить от имени {next}.</translation>
    </message>
    <message>
        <source>Its sign-in is deleted from this computer&apos;s keyring. No account will be signed in.</source>
        <translation>Данные входа будут удалены из хранилища паролей этого компьютера. Ни один аккаунт не останется подключённым.</translation>
    </message>
</context>
<context>
    <name>AppEditor</name>
    <message>
        <source>Text above the image</source>
        <translation>Текст над картинкой</translation>
    </message>
    <message>
        <source>Image address</source>
        <translation>Адрес картинки</translation>
    </message>
    <message>
        <source>https://… ({0}×{1})</source>
        <translation>https://… ({0}×{1})</translation>
    </message>
    <message>
        <source>Image hover text</source>
        <translation>Подсказка к картинке</translation>
    </message>
    <message>
        <source>Image mark</source>
        <translation>Метка картинки</translation>
    </message>
    <message>
        <source>Button text</source>
        <translation>Текст кнопки</translation>
    </message>
    <message>
        <source>Button mark</source>
        <translation>Метка кнопки</translation>
    </message>
</context>
<context>
    <name>AppRefEditor</name>
    <message>
        <source>Application id</source>
        <translation>ID приложения</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>HD image address</source>
        <translation>Адрес картинки HD</translation>
    </message>
    <message>
        <source>Launch arguments</source>
        <translation>Параметры запуска</translation>
    </message>
    <message>
        <source>Snippet</source>
        <translation>Сниппет</translation>
    </message>
</context>
<context>
    <name>BestTimesPanel</name>
    <message>
        <source>Best times to post</source>
        <translation>Лучшее время для публикаций</translation>
    </message>
    <message>
        <source>Best: {list}</source>
        <translation>Лучшее: {list}</translation>
    </message>
    <message numerus="yes">
        <source>Engagement per reach by the weekday and hour posts went out ({zone}). Each cell says how many posts it stands on; grey cells have fewer than %n and are not ranked.</source>
        <translation>
            <numerusform>Вовлечённость на охват по дню недели и часу выхода постов ({zone}). В клетке — число постов, на которых она основана; серые клетки — меньше %n поста, они не ранжируются.</numerusform>
            <numerusform>Вовлечённость на охват по дню недели и часу выхода постов ({zone}). В клетке — число постов, на которых она основана; серые клетки — меньше %n постов, они не ранжируются.</numerusform>
            <numerusform>Вовлечённость на охват по дню недели и часу выхода постов ({zone}). В клетке — число постов, на которых она основана; серые клетки — меньше %n постов, они не ранжируются.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too few posts with figures to rank any weekday and hour yet.</source>
        <translation>Пока слишком мало постов со статистикой, чтобы ранжировать дни и часы.</translation>
    </message>
    <message>
        <source>{place}. {slot}: {rate}</source>
        <translation>{place}. {slot}: {rate}</translation>
    </message>
</context>
<context>
    <name>BlockBoard</name>
    <message>
        <source>The post is empty. Add a block, or drop photos here.</source>
        <translation>Публикация пуста. Добавьте блок или перетащите сюда фото.</translation>
    </message>
</context>
<context>
    <name>BlockFrame</name>
    <message>
        <source>Move the block up (Alt+Up)</source>
        <translation>Переместить блок вверх (Alt+Вверх)</translation>
    </message>
    <message>
        <source>Move the block down (Alt+Down)</source>
        <translation>Переместить блок вниз (Alt+Вниз)</translation>
    </message>
    <message>
        <source>Remove the block (Delete)</source>
        <translation>Удалить блок (Delete)</translation>
    </message>
</context>
<context>
    <name>BlockKinds</name>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Ссылка</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Фото</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>Видео</translation>
    </message>
    <message>
        <source>Music</source>
        <translation>Музыка</translation>
    </message>
    <message>
        <source>Poll</source>
        <translation>Опрос</translation>
    </message>
    <message>
        <source>Game block</source>
        <translation>Блок игры</translation>
    </message>
    <message>
        <source>App link</source>
        <translation>Ссылка на приложение</translation>
    </message>
    <message>
        <source>Shared topic</source>
        <translation>Репост темы</translation>
    </message>
    <message>
        <source>Shared video</source>
        <translation>Репост видео</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <source>My page</source>
        <translation>Моя страница</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Неделя</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Месяц</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Вперёд</translation>
    </message>
    <message>
        <source>Times in {zone}</source>
        <translation>Время: {zone}</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>Warn when two posts in one place are closer than this</source>
        <translation>Предупреждать, если два поста в одном месте стоят ближе, чем на столько</translation>
    </message>
    <message>
        <source>Warn when closer than</source>
        <translation>Предупреждать, если ближе</translation>
    </message>
    <message>
        <source>Blue: scheduled on OK. Orange: your page, posted by okcomposer (needs the app running). Green: a draft. Drag a draft to another day or hour to move it.</source>
        <translation>Синие — уже запланированы в ОК. Оранжевые — посты на вашей странице, их опубликует okcomposer (программа должна быть запущена). Зелёные — черновики. Чтобы перенести черновик, перетащите его на другой день или час.</translation>
    </message>
    <message>
        <source>Group {gid}</source>
        <translation>Группа {gid}</translation>
    </message>
    <message>
        <source>Moscow {time}</source>
        <translation>По Москве {time}</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Опубликовано</translation>
    </message>
    <message>
        <source>Waiting on this computer</source>
        <translation>Ждёт на этом компьютере</translation>
    </message>
    <message>
        <source>Needs the app running</source>
        <translation>Нужна запущенная программа</translation>
    </message>
    <message>
        <source>Scheduled on OK</source>
        <translation>Запланирован в ОК</translation>
    </message>
    <message>
        <source>Too close to another post in the same place</source>
        <translation>Слишком близко к другому посту в том же месте</translation>
    </message>
    <message>
        <source>⚠ {place}: “{first}” at {first_time} and “{second}” at {second_time} are less than {gap} min apart</source>
        <translation>⚠ {place}: «{first}» ({first_time}) и «{second}» ({second_time}) — меньше {gap} мин друг от друга</translation>
    </message>
    <message>
        <source>The draft could not be moved: {error}</source>
        <translation>Не удалось перенести черновик: {error}</translation>
    </message>
    <message>
        <source>“{title}” is already scheduled on OK, which keeps its time: okcomposer cannot move it. Change the time on ok.ru, or delete it there and schedule it again. Only posts that are still drafts can be moved here.</source>
        <translation>«{title}» уже запланирован в ОК, и время хранит ОК: okcomposer не может его перенести. Измените время на ok.ru или удалите пост там и запланируйте заново. Здесь можно переносить только посты, которые ещё остаются черновиками.</translation>
    </message>
    <message>
        <source>“{title}” has already been sent to OK, so it can no longer be moved.</source>
        <translation>«{title}» уже отправлен в ОК, поэтому перенести его больше нельзя.</translation>
    </message>
</context>
<context>
    <name>ComposeTab</name>
    <message>
        <source>Sign in to publish.</source>
        <translation>Войдите, чтобы публиковать.</translation>
    </message>
    <message>
        <source>Fix the problems marked in the post first.</source>
        <translation>Сначала исправьте отмеченные в публикации ошибки.</translation>
    </message>
    <message>
        <source>Some photos are still being checked or need a fix.</source>
        <translation>Некоторые фото ещё проверяются или требуют исправления.</translation>
    </message>
</context>
<context>
    <name>ComposerView</name>
    <message>
        <source>Add block</source>
        <translation>Добавить блок</translation>
    </message>
    <message>
        <source>Add a block to the post (Ctrl+Shift+B)</source>
        <translation>Добавить блок в публикацию (Ctrl+Shift+B)</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>Добавить фото…</translation>
    </message>
</context>
<context>
    <name>Counted</name>
    <message numerus="yes">
        <source>{cells} cells but the header names %n columns</source>
        <translation>
            <numerusform>ячеек в строке: {cells}, а в заголовке %n столбец</numerusform>
            <numerusform>ячеек в строке: {cells}, а в заголовке %n столбца</numerusform>
            <numerusform>ячеек в строке: {cells}, а в заголовке %n столбцов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>okcomposer closed unexpectedly</source>
        <translation>okcomposer неожиданно закрылся</translation>
    </message>
    <message>
        <source>okcomposer closed unexpectedly the last time it ran. This is what it wrote about the crash; please send it with your report.</source>
        <translation>В прошлый раз okcomposer неожиданно закрылся. Вот что он записал о сбое; приложите это к сообщению об ошибке.</translation>
    </message>
    <message>
        <source>okcomposer: unexpected error</source>
        <translation>okcomposer: непредвиденная ошибка</translation>
    </message>
    <message>
        <source>okcomposer ran into a bug. Your draft has been saved. Please copy the details below into your report; you can keep working, but restarting okcomposer is safest.</source>
        <translation>В okcomposer произошла ошибка. Черновик сохранён. Скопируйте подробности ниже в сообщение об ошибке; работать можно дальше, но надёжнее перезапустить okcomposer.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Скопировать подробности</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>okcomposer closed unexpectedly</source>
        <translation>okcomposer неожиданно закрылся</translation>
    </message>
    <message>
        <source>okcomposer closed unexpectedly the last time it ran. Show the crash report?</source>
        <translation>В прошлый раз okcomposer неожиданно закрылся. Показать отчёт о сбое?</translation>
    </message>
    <message>
        <source>Show the report</source>
        <translation>Показать отчёт</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Не сейчас</translation>
    </message>
</context>
<context>
    <name>DraftWords</name>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n фото</numerusform>
            <numerusform>%n фото</numerusform>
            <numerusform>%n фото</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DraftsView</name>
    <message>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Изменён</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Черновики</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Опубликованные</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Запланированные</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>С ошибкой</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>Не подтверждённые</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Дублировать</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>My page</source>
        <translation>Моя страница</translation>
    </message>
    <message>
        <source>Times in {zone}</source>
        <translation>Время: {zone}</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(без текста)</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Удаление черновика</translation>
    </message>
    <message>
        <source>Delete the draft “{title}”? This cannot be undone.</source>
        <translation>Удалить черновик «{title}»? Отменить это будет нельзя.</translation>
    </message>
</context>
<context>
    <name>DragHandle</name>
    <message>
        <source>Drag to move the block (or Alt+Up / Alt+Down)</source>
        <translation>Перетащите, чтобы переместить блок (или Alt+Вверх / Alt+Вниз)</translation>
    </message>
</context>
<context>
    <name>EmojiButton</name>
    <message>
        <source>Insert an emoji ({0})</source>
        <translation>Вставить эмодзи ({0})</translation>
    </message>
    <message>
        <source>Insert an emoji</source>
        <translation>Вставить эмодзи</translation>
    </message>
</context>
<context>
    <name>EmojiPicker</name>
    <message>
        <source>Search emoji (English or Russian)</source>
        <translation>Поиск эмодзи (по-русски или по-английски)</translation>
    </message>
    <message>
        <source>Search emoji</source>
        <translation>Поиск эмодзи</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Эмодзи</translation>
    </message>
    <message>
        <source>No emoji has that name.</source>
        <translation>Нет эмодзи с таким названием.</translation>
    </message>
</context>
<context>
    <name>HeatMap</name>
    <message numerus="yes">
        <source>%n post(s), reach {reach}, engagement {engagement}: {rate} per reach</source>
        <translation>
            <numerusform>%n публикация, охват {reach}, вовлечённость {engagement}: {rate} от охвата</numerusform>
            <numerusform>%n публикации, охват {reach}, вовлечённость {engagement}: {rate} от охвата</numerusform>
            <numerusform>%n публикаций, охват {reach}, вовлечённость {engagement}: {rate} от охвата</numerusform>
        </translation>
    </message>
    <message>
        <source>Too few posts to rank</source>
        <translation>Слишком мало постов для оценки</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Published</source>
        <translation>Опубликовано</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Где</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Ссылка</translation>
    </message>
    <message>
        <source>Scheduled on OK</source>
        <translation>Запланировано в ОК</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Ожидает отправки</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>Не подтверждено</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Не отправлено</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Nothing published yet. Posts and Moments you publish appear here.</source>
        <translation>Пока ничего не опубликовано. Здесь появятся ваши посты и Моменты.</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Проверить снова</translation>
    </message>
    <message>
        <source>Publish anyway</source>
        <translation>Всё равно опубликовать</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>Отправить сейчас</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Пост</translation>
    </message>
    <message>
        <source>Moment</source>
        <translation>Момент</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Выполняется…</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(без текста)</translation>
    </message>
    <message>
        <source>My page</source>
        <translation>Моя страница</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Tables: CSV or Excel (*.csv *.xlsx)</source>
        <translation>Таблицы: CSV или Excel (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Downloading photo {index} of {count}…</source>
        <translation>Скачивается фото {index} из {count}…</translation>
    </message>
    <message>
        <source>Excel workbook, sheet {sheet}</source>
        <translation>Книга Excel, лист {sheet}</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>табуляция</translation>
    </message>
    <message>
        <source>Encoding: {encoding}; separator: {separator}</source>
        <translation>Кодировка: {encoding}; разделитель: {separator}</translation>
    </message>
    <message>
        <source>{date} {time} (Moscow {moscow})</source>
        <translation>{date} {time} (Москва: {moscow})</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Куда</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Save as drafts</source>
        <translation>Сохранить как черновики</translation>
    </message>
    <message>
        <source>Publish all</source>
        <translation>Опубликовать все</translation>
    </message>
    <message>
        <source>Cancel publishing</source>
        <translation>Остановить публикацию</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>Проверка строк…</translation>
    </message>
    <message>
        <source>My page</source>
        <translation>Моя страница</translation>
    </message>
    <message>
        <source>At once</source>
        <translation>Сразу</translation>
    </message>
    <message numerus="yes">
        <source>%n of {count} rows need fixing in the file; nothing can be saved or sent yet.</source>
        <translation>
            <numerusform>%n строка из {count} требует исправления в файле; пока ничего нельзя сохранить или отправить.</numerusform>
            <numerusform>%n строки из {count} требуют исправления в файле; пока ничего нельзя сохранить или отправить.</numerusform>
            <numerusform>%n строк из {count} требуют исправления в файле; пока ничего нельзя сохранить или отправить.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import posts from CSV or Excel</source>
        <translation>Импорт постов из CSV или Excel</translation>
    </message>
    <message>
        <source>Choose a CSV or Excel file…</source>
        <translation>Выбрать файл CSV или Excel…</translation>
    </message>
    <message>
        <source>Columns, by their English or Russian names: {columns}; only {target} is needed.</source>
        <translation>Столбцы, по английским или русским названиям: {columns}; обязателен только {target}.</translation>
    </message>
    <message>
        <source>Row {number}:</source>
        <translation>Строка {number}:</translation>
    </message>
    <message>
        <source>Choose a CSV or Excel file</source>
        <translation>Выберите файл CSV или Excel</translation>
    </message>
    <message numerus="yes">
        <source>All %n rows are fine.</source>
        <translation>
            <numerusform>%n строка в порядке.</numerusform>
            <numerusform>Все %n строки в порядке.</numerusform>
            <numerusform>Все %n строк в порядке.</numerusform>
        </translation>
    </message>
    <message>
        <source>Group {id}</source>
        <translation>Группа {id}</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Годится</translation>
    </message>
    <message>
        <source>Saved as a draft</source>
        <translation>Сохранено как черновик</translation>
    </message>
    <message>
        <source>Saved as drafts: {count}.</source>
        <translation>Сохранено черновиков: {count}.</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Публикация…</translation>
    </message>
    <message>
        <source>{when}, waits on this computer</source>
        <translation>{when}, ждёт на этом компьютере</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Опубликовано</translation>
    </message>
    <message>
        <source>Scheduled on OK</source>
        <translation>Запланировано в ОК</translation>
    </message>
    <message>
        <source>Waiting on this computer</source>
        <translation>Ждёт на этом компьютере</translation>
    </message>
    <message>
        <source>Already published: not sent again</source>
        <translation>Уже опубликовано: повторно не отправлено</translation>
    </message>
    <message>
        <source>Failed: {message}</source>
        <translation>Ошибка: {message}</translation>
    </message>
    <message>
        <source>Not confirmed: check on ok.ru</source>
        <translation>Не подтверждено: проверьте на ok.ru</translation>
    </message>
    <message>
        <source>Not sent: {message}</source>
        <translation>Не отправлено: {message}</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Не отправлено</translation>
    </message>
    <message>
        <source>unknown reason</source>
        <translation>причина неизвестна</translation>
    </message>
    <message>
        <source>Nothing was sent: you may not publish in some groups.</source>
        <translation>Ничего не отправлено: в некоторых группах у вас нет права публиковать.</translation>
    </message>
    <message>
        <source>Published: {done}, scheduled on OK: {scheduled}, waiting: {waiting}; of {count}.</source>
        <translation>Опубликовано: {done}, запланировано в ОК: {scheduled}, ждёт: {waiting}; всего {count}.</translation>
    </message>
    <message>
        <source>Publish the saved drafts</source>
        <translation>Опубликовать сохранённые черновики</translation>
    </message>
    <message>
        <source>Publishes the drafts just saved; no new drafts are made</source>
        <translation>Публикует только что сохранённые черновики; новые черновики не создаются</translation>
    </message>
</context>
<context>
    <name>InsightsView</name>
    <message numerus="yes">
        <source>%n post(s)</source>
        <translation>
            <numerusform>%n публикация</numerusform>
            <numerusform>%n публикации</numerusform>
            <numerusform>%n публикаций</numerusform>
        </translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>Экспорт таблицы…</translation>
    </message>
    <message>
        <source>Export the table</source>
        <translation>Экспорт таблицы</translation>
    </message>
    <message>
        <source>Figures fetched {time}; {posts}</source>
        <translation>Статистика получена {time}; {posts}</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Group {gid}</source>
        <translation>Группа {gid}</translation>
    </message>
    <message>
        <source>My page (no statistics)</source>
        <translation>Моя страница (нет статистики)</translation>
    </message>
    <message>
        <source>Loading the groups you administer…</source>
        <translation>Загрузка групп, которыми вы управляете…</translation>
    </message>
    <message>
        <source>My page: OK gives statistics for groups only</source>
        <translation>Моя страница: ОК даёт статистику только по группам</translation>
    </message>
    <message>
        <source>Not fetched yet</source>
        <translation>Ещё не получена</translation>
    </message>
    <message numerus="yes">
        <source>OK asks to wait: trying again in %n second(s)</source>
        <translation>
            <numerusform>ОК просит подождать: повтор через %n секунду</numerusform>
            <numerusform>ОК просит подождать: повтор через %n секунды</numerusform>
            <numerusform>ОК просит подождать: повтор через %n секунд</numerusform>
        </translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>Изображения PNG (*.png)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Обновление…</translation>
    </message>
    <message>
        <source>Save chart…</source>
        <translation>Сохранить график…</translation>
    </message>
    <message>
        <source>Save the chart</source>
        <translation>Сохранить график</translation>
    </message>
    <message>
        <source>Sign in to see the figures of the groups you administer.</source>
        <translation>Войдите, чтобы увидеть статистику групп, которыми вы управляете.</translation>
    </message>
    <message>
        <source>The figures could not be fetched.</source>
        <translation>Не удалось получить статистику.</translation>
    </message>
    <message>
        <source>This post was not published with okcomposer, so History does not list it: {link}</source>
        <translation>Этот пост опубликован не через okcomposer, поэтому его нет в Истории: {link}</translation>
    </message>
    <message>
        <source>Written to {path}</source>
        <translation>Записано в {path}</translation>
    </message>
    <message>
        <source>You administer no group: OK gives statistics to a group&apos;s admins only.</source>
        <translation>Вы не управляете ни одной группой: ОК даёт статистику только администраторам группы.</translation>
    </message>
    <message>
        <source>open it on OK</source>
        <translation>открыть в ОК</translation>
    </message>
</context>
<context>
    <name>InterruptedPublishes</name>
    <message>
        <source>(no text)</source>
        <translation>(без текста)</translation>
    </message>
    <message>
        <source>Publishing “{title}” was interrupted, but it is on OK: {link}</source>
        <translation>Публикация «{title}» была прервана, но пост уже есть в ОК: {link}</translation>
    </message>
    <message>
        <source>Publishing “{title}” was interrupted before it reached OK: it was not published.</source>
        <translation>Публикация «{title}» была прервана до отправки в ОК: пост не опубликован.</translation>
    </message>
    <message>
        <source>Publishing “{title}” was interrupted and OK could not tell whether it went out; check on OK before publishing it again.</source>
        <translation>Публикация «{title}» была прервана, и ОК не смог подтвердить, вышел ли пост; проверьте в ОК, прежде чем публиковать снова.</translation>
    </message>
    <message>
        <source>{count} publishes were interrupted: {published} are on OK, {draft} were not published, {unknown} need checking on OK. See History.</source>
        <translation>Прервано публикаций: {count}. Уже в ОК: {published}, не опубликовано: {draft}, нужно проверить в ОК: {unknown}. См. «Историю».</translation>
    </message>
</context>
<context>
    <name>LinkEditor</name>
    <message>
        <source>Web address</source>
        <translation>Веб-адрес</translation>
    </message>
</context>
<context>
    <name>ListFilterBar</name>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <source>All places</source>
        <translation>Все места</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Все состояния</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Последние 12 месяцев</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Drafts</source>
        <translation>Черновики</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Публикация</translation>
    </message>
    <message>
        <source>Moments</source>
        <translation>Моменты</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>New draft</source>
        <translation>Новый черновик</translation>
    </message>
    <message>
        <source>Save draft now</source>
        <translation>Сохранить черновик</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Настройки…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>&amp;Post</source>
        <translation>&amp;Публикация</translation>
    </message>
    <message>
        <source>Add block…</source>
        <translation>Добавить блок…</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Опубликовать</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Аккаунт</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Войти…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выйти из аккаунта</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>About okcomposer</source>
        <translation>О программе okcomposer</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Основная панель</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Песочница</translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation>Черновик сохранён</translation>
    </message>
    <message>
        <source>This draft cannot be opened: {error}</source>
        <translation>Этот черновик не открывается: {error}</translation>
    </message>
    <message>
        <source>Publishing this draft was interrupted. Check on OK whether it was published before publishing again.</source>
        <translation>Публикация этого черновика была прервана. Прежде чем публиковать снова, проверьте в ОК, не вышла ли она.</translation>
    </message>
    <message>
        <source>The drafts database was damaged; it was restored from the last backup. The damaged file was kept as {name}.</source>
        <translation>База черновиков была повреждена и восстановлена из последней резервной копии. Повреждённый файл сохранён как {name}.</translation>
    </message>
    <message>
        <source>The drafts database was damaged and no usable backup was found; a new one was started. The damaged file was kept as {name}.</source>
        <translation>База черновиков была повреждена, а пригодной резервной копии не нашлось; начата новая база. Повреждённый файл сохранён как {name}.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>okcomposer is already running on this profile (process {pid}), but its window did not answer. Close it first, then start okcomposer again.</source>
        <translation>okcomposer уже запущен с этим профилем (процесс {pid}), но его окно не ответило. Сначала закройте его, затем запустите okcomposer снова.</translation>
    </message>
    <message>
        <source>Some OKC_LIMIT_* settings make no sense and were ignored; the defaults are used:</source>
        <translation>Некоторые настройки OKC_LIMIT_* не имеют смысла и пропущены; используются значения по умолчанию:</translation>
    </message>
</context>
<context>
    <name>MomentsView</name>
    <message>
        <source>Each image becomes one Moment. Drop images here, paste them or add them.</source>
        <translation>Каждая картинка станет отдельным Моментом. Перетащите картинки сюда, вставьте или добавьте их.</translation>
    </message>
    <message>
        <source>Publish Moments</source>
        <translation>Опубликовать Моменты</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Sign in to publish Moments.</source>
        <translation>Войдите, чтобы публиковать Моменты.</translation>
    </message>
    <message>
        <source>Some images are still being checked or need a fix.</source>
        <translation>Некоторые картинки ещё проверяются или требуют исправления.</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Подготовка…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <source>Moment {0} ({1})</source>
        <translation>Момент {0} ({1})</translation>
    </message>
    <message>
        <source>OK&apos;s answer was not understood, so the Moments&apos; ids are not known: look at your Moments on ok.ru.</source>
        <translation>Ответ ОК не удалось разобрать, поэтому номера моментов неизвестны: посмотрите свои моменты на ok.ru.</translation>
    </message>
    <message>
        <source>Not confirmed: OK did not confirm the Moments (the connection broke, or its answer said nothing), so they may or may not be there. Look at your Moments on ok.ru before posting them again.</source>
        <translation>Не подтверждено: ОК не подтвердил моменты (связь оборвалась или ответ ничего не сказал), поэтому они могут уже быть опубликованы. Посмотрите свои моменты на ok.ru, прежде чем публиковать их снова.</translation>
    </message>
    <message>
        <source>The Moments were not published; the images are still here.</source>
        <translation>Моменты не опубликованы; картинки остались на месте.</translation>
    </message>
    <message numerus="yes">
        <source>Publishing %n Moments…</source>
        <translation>
            <numerusform>Публикуем %n Момент…</numerusform>
            <numerusform>Публикуем %n Момента…</numerusform>
            <numerusform>Публикуем %n Моментов…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Published %n Moments.</source>
        <translation>
            <numerusform>Опубликован %n Момент.</numerusform>
            <numerusform>Опубликовано %n Момента.</numerusform>
            <numerusform>Опубликовано %n Моментов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was sent yet: these images were posted as Moments before.</source>
        <translation>Пока ничего не отправлено: эти картинки уже публиковались как Моменты.</translation>
    </message>
    <message>
        <source>These images were sent as Moments at {when}, but OK did not confirm them. Look at your Moments on ok.ru before posting them again.</source>
        <translation>Эти картинки были отправлены как Моменты в {when}, но ОК не подтвердил их. Прежде чем публиковать снова, посмотрите свои Моменты на ok.ru.</translation>
    </message>
    <message>
        <source>Already posted these images as Moments at {when}.</source>
        <translation>Эти картинки уже опубликованы как Моменты в {when}.</translation>
    </message>
    <message>
        <source>Already posted</source>
        <translation>Уже опубликовано</translation>
    </message>
    <message>
        <source>Post again</source>
        <translation>Опубликовать ещё раз</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>Ничего не отправлено.</translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n images · {sent} of {total} {unit}</source>
        <translation>
            <numerusform>{done} из %n картинки · {sent} из {total} {unit}</numerusform>
            <numerusform>{done} из %n картинок · {sent} из {total} {unit}</numerusform>
            <numerusform>{done} из %n картинок · {sent} из {total} {unit}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MovieEditor</name>
    <message>
        <source>Video id</source>
        <translation>ID видео</translation>
    </message>
    <message>
        <source>Add video</source>
        <translation>Добавить видео</translation>
    </message>
</context>
<context>
    <name>MovieReshareEditor</name>
    <message>
        <source>Video id</source>
        <translation>ID видео</translation>
    </message>
</context>
<context>
    <name>MultiTargetView</name>
    <message>
        <source>My page</source>
        <translation>Моя страница</translation>
    </message>
    <message>
        <source>Publish the post to several places at once. Check where it goes; select a target to give it its own version.</source>
        <translation>Опубликуйте пост сразу в нескольких местах. Отметьте, куда он пойдёт; выберите место, чтобы сделать для него свою версию.</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Куда</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Publish to all</source>
        <translation>Опубликовать везде</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Повторить неудавшиеся</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Sign in to publish in your groups.</source>
        <translation>Войдите, чтобы публиковать в своих группах.</translation>
    </message>
    <message>
        <source>Loading your groups…</source>
        <translation>Загрузка ваших групп…</translation>
    </message>
    <message>
        <source>Your groups: {count}</source>
        <translation>Ваши группы: {count}</translation>
    </message>
    <message>
        <source>Sign in to publish.</source>
        <translation>Войдите, чтобы публиковать.</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>Ожидание…</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Публикация…</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Не отправлено</translation>
    </message>
    <message>
        <source>Nothing was sent: fix the targets marked in the list first.</source>
        <translation>Ничего не отправлено: сначала исправьте отмеченные в списке места.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <source>Send again only where it failed or was not sent; nothing is sent twice</source>
        <translation>Отправить снова только туда, где была ошибка или пост не ушёл; ничего не уйдёт дважды</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Проверить снова</translation>
    </message>
    <message>
        <source>Look on OK for the posts it did not confirm; nothing is sent</source>
        <translation>Поискать в ОК посты, которые он не подтвердил; ничего не отправляется</translation>
    </message>
    <message>
        <source>Checking on OK…</source>
        <translation>Проверяем в ОК…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверяем…</translation>
    </message>
</context>
<context>
    <name>MusicEditor</name>
    <message>
        <source>Track id</source>
        <translation>ID трека</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Artist</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>Альбом</translation>
    </message>
    <message>
        <source>Add track</source>
        <translation>Добавить трек</translation>
    </message>
</context>
<context>
    <name>NextSlotButton</name>
    <message>
        <source>Next free slot</source>
        <translation>Ближайшее свободное время</translation>
    </message>
    <message>
        <source>Set the time to this place&apos;s next posting slot that no other post takes</source>
        <translation>Поставить ближайшее время публикации для этого места, не занятое другим постом</translation>
    </message>
    <message>
        <source>Posting slots…</source>
        <translation>Время публикаций…</translation>
    </message>
    <message>
        <source>Set to the next free slot</source>
        <translation>Поставлено ближайшее свободное время</translation>
    </message>
    <message>
        <source>Every posting slot of the next four weeks is taken</source>
        <translation>Всё время публикаций на ближайшие четыре недели занято</translation>
    </message>
    <message>
        <source>No posting slots for this place yet: add them with “Posting slots…”</source>
        <translation>Для этого места время публикаций ещё не задано: добавьте его в «Время публикаций…»</translation>
    </message>
    <message>
        <source>Set to the next free slot at one of your best times (from your figures)</source>
        <translation>Выбран ближайший свободный слот в одно из ваших лучших времён (по статистике)</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>(Moscow {time})</source>
        <translation>(Москва {time})</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Опубликовано</translation>
    </message>
    <message>
        <source>Scheduled on OK for {when}</source>
        <translation>Запланировано в ОК на {when}</translation>
    </message>
    <message>
        <source>Waiting on this computer until {when}</source>
        <translation>Ждёт на этом компьютере до {when}</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Отправляется…</translation>
    </message>
    <message>
        <source>Not confirmed — check</source>
        <translation>Не подтверждено — проверьте</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Не отправлено</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>Не отправлено: {reason}</translation>
    </message>
    <message>
        <source>unknown reason</source>
        <translation>причина неизвестна</translation>
    </message>
    <message>
        <source>Failed: {reason}</source>
        <translation>Ошибка: {reason}</translation>
    </message>
    <message>
        <source>Published, but OK&apos;s answer was not understood: look at your Moments on ok.ru.</source>
        <translation>Опубликовано, но ответ ОК не удалось разобрать: посмотрите свои моменты на ok.ru.</translation>
    </message>
    <message>
        <source>Not confirmed — OK did not confirm the Moments. Look at your Moments on ok.ru before posting them again.</source>
        <translation>Не подтверждено — ОК не подтвердил моменты. Посмотрите свои моменты на ok.ru, прежде чем публиковать их снова.</translation>
    </message>
    <message>
        <source>Not confirmed — the connection broke while OK was publishing it and it is not among the latest posts. Look on OK, then choose Check again or Publish anyway.</source>
        <translation>Не подтверждено — связь оборвалась, пока ОК публиковал запись, и среди последних записей её нет. Посмотрите в ОК, затем выберите «Проверить снова» или «Всё равно опубликовать».</translation>
    </message>
    <message>
        <source>My page</source>
        <translation>Моя страница</translation>
    </message>
</context>
<context>
    <name>OutboxRunner</name>
    <message>
        <source>“{title}” for {where} was due {when} and was not sent, because okcomposer was not running. Send it now, choose a new time, or discard it?</source>
        <translation>«{title}» для «{where}» нужно было отправить {when}, но okcomposer не был запущен. Отправить сейчас, выбрать новое время или отменить?</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(без текста)</translation>
    </message>
    <message>
        <source>A post is late</source>
        <translation>Запись опоздала</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>Отправить сейчас</translation>
    </message>
    <message>
        <source>New time…</source>
        <translation>Новое время…</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>New time</source>
        <translation>Новое время</translation>
    </message>
    <message>
        <source>Send it at:</source>
        <translation>Отправить в:</translation>
    </message>
</context>
<context>
    <name>PhotoGrid</name>
    <message>
        <source>Add photos…</source>
        <translation>Добавить фото…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Вставить</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Исправить</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>Добавить фото</translation>
    </message>
    <message>
        <source>Images ({0})</source>
        <translation>Изображения ({0})</translation>
    </message>
    <message>
        <source>The clipboard holds no image or image file.</source>
        <translation>В буфере обмена нет картинки или файла картинки.</translation>
    </message>
    <message>
        <source>Photo {0}</source>
        <translation>Фото {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n photos</source>
        <translation>
            <numerusform>%n фото</numerusform>
            <numerusform>%n фото</numerusform>
            <numerusform>%n фото</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need attention</source>
        <translation>
            <numerusform>%n требует внимания</numerusform>
            <numerusform>%n требуют внимания</numerusform>
            <numerusform>%n требуют внимания</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>Fixing…</source>
        <translation>Исправление…</translation>
    </message>
    <message>
        <source>Already on OK.</source>
        <translation>Уже в ОК.</translation>
    </message>
    <message>
        <source>Fix offers to: {0}.</source>
        <translation>Исправление предлагает: {0}.</translation>
    </message>
    <message>
        <source>The fix failed: {0}</source>
        <translation>Исправить не удалось: {0}</translation>
    </message>
    <message>
        <source>shrink it to fit OK&apos;s limits</source>
        <translation>уменьшить до ограничений ОК</translation>
    </message>
    <message>
        <source>convert it to an 8-bit RGB JPEG</source>
        <translation>преобразовать в 8-битный RGB JPEG</translation>
    </message>
    <message>
        <source>turn it upright</source>
        <translation>повернуть правильно</translation>
    </message>
    <message>
        <source>remove its GPS location</source>
        <translation>удалить GPS-координаты</translation>
    </message>
    <message>
        <source>Drop photos here, paste them, or use Add photos…</source>
        <translation>Перетащите фото сюда, вставьте их или нажмите «Добавить фото…»</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Скачивается…</translation>
    </message>
    <message>
        <source>Already on OK</source>
        <translation>Уже на OK</translation>
    </message>
    <message>
        <source>Fix offered</source>
        <translation>Можно исправить</translation>
    </message>
    <message>
        <source>Cannot be sent</source>
        <translation>Нельзя отправить</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Will be sent as JPEG</source>
        <translation>Уйдёт как JPEG</translation>
    </message>
    <message>
        <source>Will be turned upright</source>
        <translation>Будет повёрнуто</translation>
    </message>
    <message>
        <source>Its end marker will be added</source>
        <translation>Будет дописан конец файла</translation>
    </message>
    <message>
        <source>Its GPS location will be removed</source>
        <translation>GPS-метка будет удалена</translation>
    </message>
    <message numerus="yes">
        <source>Only the first %n images of the folder were added.</source>
        <translation>
            <numerusform>Добавлено только первое %n изображение из папки.</numerusform>
            <numerusform>Добавлены только первые %n изображения из папки.</numerusform>
            <numerusform>Добавлены только первые %n изображений из папки.</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder {0} holds no images.</source>
        <translation>В папке {0} нет изображений.</translation>
    </message>
</context>
<context>
    <name>PollEditor</name>
    <message>
        <source>Question</source>
        <translation>Вопрос</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <source>Add answer</source>
        <translation>Добавить ответ</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Ответы</translation>
    </message>
    <message>
        <source>Only one answer can be chosen</source>
        <translation>Можно выбрать только один ответ</translation>
    </message>
    <message>
        <source>Anonymous voting</source>
        <translation>Анонимное голосование</translation>
    </message>
    <message>
        <source>Show results only after voting</source>
        <translation>Показывать результаты только после голосования</translation>
    </message>
</context>
<context>
    <name>PostHistory</name>
    <message>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Undo the last change to the post (Ctrl+Z)</source>
        <translation>Отменить последнее изменение поста (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Redo the change just undone (Ctrl+Shift+Z)</source>
        <translation>Вернуть только что отменённое изменение (Ctrl+Shift+Z)</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <source>Anonymous poll</source>
        <translation>Анонимный опрос</translation>
    </message>
    <message>
        <source>Results after voting</source>
        <translation>Результаты после голосования</translation>
    </message>
    <message>
        <source>▶ Video {0}</source>
        <translation>▶ Видео {0}</translation>
    </message>
    <message>
        <source>App {0}</source>
        <translation>Приложение {0}</translation>
    </message>
    <message>
        <source>💬 Comment</source>
        <translation>💬 Комментировать</translation>
    </message>
    <message>
        <source>↪ Share</source>
        <translation>↪ Поделиться</translation>
    </message>
    <message>
        <source>👍 Like</source>
        <translation>👍 Класс</translation>
    </message>
    <message>
        <source>Scheduled for {0}</source>
        <translation>Запланировано на {0}</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>только что</translation>
    </message>
    <message>
        <source>hidden topic</source>
        <translation>скрытая тема</translation>
    </message>
</context>
<context>
    <name>PreviewView</name>
    <message>
        <source>You</source>
        <translation>Вы</translation>
    </message>
    <message>
        <source>The post is empty.</source>
        <translation>Публикация пуста.</translation>
    </message>
    <message>
        <source>↻ Shared topic {0}</source>
        <translation>↻ Репост темы {0}</translation>
    </message>
    <message>
        <source>↻ Shared video {0}</source>
        <translation>↻ Репост видео {0}</translation>
    </message>
    <message>
        <source>more</source>
        <translation>ещё</translation>
    </message>
</context>
<context>
    <name>ProblemsList</name>
    <message>
        <source>Problems of the post</source>
        <translation>Проблемы публикации</translation>
    </message>
    <message>
        <source>Sign in to publish.</source>
        <translation>Войдите, чтобы публиковать.</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) still being checked…</source>
        <translation>
            <numerusform>%n фото ещё проверяется…</numerusform>
            <numerusform>%n фото ещё проверяются…</numerusform>
            <numerusform>%n фото ещё проверяются…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishPanel</name>
    <message>
        <source>Publish</source>
        <translation>Опубликовать</translation>
    </message>
    <message>
        <source>Publish the post on OK (Ctrl+Enter)</source>
        <translation>Опубликовать в ОК (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Duplicate as new draft</source>
        <translation>Копировать в новый черновик</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Проверить снова</translation>
    </message>
    <message>
        <source>Publish anyway</source>
        <translation>Всё равно опубликовать</translation>
    </message>
    <message>
        <source>This post is already on OK; Duplicate as new draft to post it again.</source>
        <translation>Эта запись уже в ОК; чтобы опубликовать её снова, скопируйте её в новый черновик.</translation>
    </message>
    <message>
        <source>This post already waits for its time; Duplicate as new draft to post it again.</source>
        <translation>Этот пост уже ждёт своего времени; чтобы опубликовать его ещё раз, скопируйте его в новый черновик.</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Публикация…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>Uploading photos…</source>
        <translation>Загрузка фото…</translation>
    </message>
    <message>
        <source>Publishing the post…</source>
        <translation>Публикация поста…</translation>
    </message>
    <message>
        <source>OK asks to slow down; trying again in a moment…</source>
        <translation>ОК просит не спешить; скоро попробуем снова…</translation>
    </message>
    <message>
        <source>OK is busy; trying again in a moment…</source>
        <translation>ОК занят; скоро попробуем снова…</translation>
    </message>
    <message>
        <source>The connection broke; checking whether the post was published…</source>
        <translation>Связь прервалась; проверяем, опубликован ли пост…</translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n photos, {sent} of {total} {unit}</source>
        <translation>
            <numerusform>{done} из %n фото, {sent} из {total} {unit}</numerusform>
            <numerusform>{done} из %n фото, {sent} из {total} {unit}</numerusform>
            <numerusform>{done} из %n фото, {sent} из {total} {unit}</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <source>Already published to {where} at {when}.</source>
        <translation>Уже опубликовано в «{where}» {when}.</translation>
    </message>
    <message>
        <source>Already scheduled on OK in {where}: {state}.</source>
        <translation>Уже запланировано в ОК в «{where}»: {state}.</translation>
    </message>
    <message>
        <source>Already waiting on this computer for {where}: {state}.</source>
        <translation>Уже ждёт на этом компьютере для «{where}»: {state}.</translation>
    </message>
    <message>
        <source>Publishing this to {where} at {when} may have gone out (OK did not confirm it). Look on OK first.</source>
        <translation>Публикация в «{where}» {when}, возможно, уже прошла (ОК её не подтвердил). Сначала посмотрите в ОК.</translation>
    </message>
    <message>
        <source>This post is being published to {where} right now.</source>
        <translation>Эта запись публикуется в «{where}» прямо сейчас.</translation>
    </message>
    <message>
        <source>Publish again?</source>
        <translation>Опубликовать снова?</translation>
    </message>
    <message>
        <source>Open it</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Publish again</source>
        <translation>Опубликовать снова</translation>
    </message>
</context>
<context>
    <name>PublishTime</name>
    <message>
        <source>Publish later</source>
        <translation>Опубликовать позже</translation>
    </message>
    <message>
        <source>Waits on this computer: okcomposer must be running then.</source>
        <translation>Ждёт на этом компьютере: okcomposer должен быть запущен в это время.</translation>
    </message>
    <message>
        <source>OK cannot delay posts on your page: okcomposer keeps it on this computer and sends it at that time while it is running.</source>
        <translation>ОК не умеет откладывать посты на вашей странице: okcomposer хранит пост на этом компьютере и отправит его в это время, если будет запущен.</translation>
    </message>
    <message>
        <source>Moscow time: {time}</source>
        <translation>По Москве: {time}</translation>
    </message>
</context>
<context>
    <name>ReachChart</name>
    <message>
        <source>Engagement, per day (right)</source>
        <translation>Вовлечённость за день (справа)</translation>
    </message>
    <message>
        <source>No figures yet: press Refresh</source>
        <translation>Статистики пока нет: нажмите «Обновить»</translation>
    </message>
    <message>
        <source>Daily reach and engagement of the whole group, from OK&apos;s statistics</source>
        <translation>Охват и вовлечённость всей группы по дням, из статистики ОК</translation>
    </message>
    <message>
        <source>Each day&apos;s posts summed: OK gave no daily figures for this group</source>
        <translation>Сумма публикаций за каждый день: ОК не дал дневных показателей этой группы</translation>
    </message>
    <message>
        <source>Reach, per day (left)</source>
        <translation>Охват за день (слева)</translation>
    </message>
</context>
<context>
    <name>ResultTexts</name>
    <message>
        <source>You are not a member, so you cannot post here</source>
        <translation>Вы не состоите в группе и не можете здесь публиковать</translation>
    </message>
    <message>
        <source>Only admins, moderators and editors post here</source>
        <translation>Здесь публикуют только администраторы, модераторы и редакторы</translation>
    </message>
    <message>
        <source>Same as the base post</source>
        <translation>Как основной пост</translation>
    </message>
    <message>
        <source>text</source>
        <translation>текст</translation>
    </message>
    <message>
        <source>time</source>
        <translation>время</translation>
    </message>
    <message>
        <source>voice</source>
        <translation>от чьего имени</translation>
    </message>
    <message>
        <source>comments</source>
        <translation>комментарии</translation>
    </message>
    <message>
        <source>Own version: {what}</source>
        <translation>Своя версия: {what}</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Публикация…</translation>
    </message>
    <message>
        <source>Uploading photos…</source>
        <translation>Загрузка фото…</translation>
    </message>
    <message>
        <source>Publishing the post…</source>
        <translation>Публикация поста…</translation>
    </message>
    <message>
        <source>Uploading the video…</source>
        <translation>Загрузка видео…</translation>
    </message>
    <message>
        <source>OK is processing the video…</source>
        <translation>ОК обрабатывает видео…</translation>
    </message>
    <message>
        <source>OK asks to slow down; trying again…</source>
        <translation>ОК просит не спешить; пробуем снова…</translation>
    </message>
    <message>
        <source>OK is busy; trying again…</source>
        <translation>ОК занят; пробуем снова…</translation>
    </message>
    <message>
        <source>Checking whether it was published…</source>
        <translation>Проверяем, опубликовано ли…</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Опубликовано</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>(Moscow {time})</source>
        <translation>(по Москве {time})</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <source>the session expired; sign in again</source>
        <translation>сеанс истёк; войдите снова</translation>
    </message>
    <message>
        <source>unknown reason</source>
        <translation>причина неизвестна</translation>
    </message>
    <message>
        <source>Scheduled on OK for {when}</source>
        <translation>Запланировано в ОК на {when}</translation>
    </message>
    <message>
        <source>Waiting on this computer until {when}</source>
        <translation>Ждёт на этом компьютере до {when}</translation>
    </message>
    <message>
        <source>Not confirmed — check</source>
        <translation>Не подтверждено — проверьте</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>Не отправлено: {reason}</translation>
    </message>
    <message>
        <source>Failed: OK error {code} {name}</source>
        <translation>Ошибка ОК {code} {name}</translation>
    </message>
    <message>
        <source>Already scheduled on OK for {when}</source>
        <translation>Уже запланировано в ОК на {when}</translation>
    </message>
    <message>
        <source>Already waiting on this computer until {when}</source>
        <translation>Уже ждёт на этом компьютере до {when}</translation>
    </message>
    <message>
        <source>Already published at {when}</source>
        <translation>Уже опубликовано в {when}</translation>
    </message>
    <message>
        <source>Already sent at {when}, not confirmed</source>
        <translation>Уже отправлено в {when}, не подтверждено</translation>
    </message>
    <message>
        <source>OK cannot delay posts on your page: okcomposer keeps it on this computer and sends it at that time while it is running.</source>
        <translation>ОК не умеет откладывать посты на вашей странице: okcomposer хранит пост на этом компьютере и отправит его в это время, если будет запущен.</translation>
    </message>
    <message>
        <source>Nothing was sent to {place}. Choose “Publish again” to publish it there once more.</source>
        <translation>{place}: ничего не отправлено. Нажмите «Опубликовать ещё раз», чтобы опубликовать туда повторно.</translation>
    </message>
    <message>
        <source>OK did not confirm this post: the connection broke while OK was publishing it and it is not among the latest posts of {place}. Look there on ok.ru, then choose “Check again” or “Publish anyway”; okcomposer never sends it twice on its own.</source>
        <translation>ОК не подтвердил этот пост: связь оборвалась, пока ОК его публиковал, а среди последних постов ({place}) его нет. Посмотрите там на ok.ru, затем нажмите «Проверить снова» или «Всё равно опубликовать»; сам okcomposer не отправит его дважды.</translation>
    </message>
    <message>
        <source>It never reached OK; “Retry failed” sends it.</source>
        <translation>До ОК он не дошёл; «Повторить неудавшиеся» отправит её.</translation>
    </message>
    <message>
        <source>{n} published</source>
        <translation>опубликовано: {n}</translation>
    </message>
    <message>
        <source>{n} scheduled</source>
        <translation>запланировано: {n}</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>ждут отправки: {n}</translation>
    </message>
    <message>
        <source>{n} already there</source>
        <translation>уже были: {n}</translation>
    </message>
    <message>
        <source>{n} not confirmed</source>
        <translation>не подтверждено: {n}</translation>
    </message>
    <message>
        <source>{n} not sent</source>
        <translation>не отправлено: {n}</translation>
    </message>
    <message>
        <source>{n} failed</source>
        <translation>с ошибкой: {n}</translation>
    </message>
    <message>
        <source>“Retry failed” sends the failed and not-sent ones only.</source>
        <translation>«Повторить неудавшиеся» отправит только туда, где была ошибка или пост не ушёл.</translation>
    </message>
    <message>
        <source>Not confirmed: look on ok.ru, then “Check again”.</source>
        <translation>Не подтверждено: посмотрите на ok.ru, затем нажмите «Проверить снова».</translation>
    </message>
    <message>
        <source>Already there: select one to open it or publish it again.</source>
        <translation>Уже были: выберите место, чтобы открыть пост или опубликовать ещё раз.</translation>
    </message>
    <message>
        <source>Open it</source>
        <translation>Открыть</translation>
    </message>
</context>
<context>
    <name>RowList</name>
    <message>
        <source>Remove this row</source>
        <translation>Удалить эту строку</translation>
    </message>
</context>
<context>
    <name>Sandbox</name>
    <message>
        <source>Sandbox</source>
        <translation>Песочница</translation>
    </message>
    <message>
        <source>okcomposer is connected to a local OK sandbox, not to ok.ru. It answers as OK does, so you can try everything; nothing you publish here reaches OK, and the sandbox forgets it all when okcomposer closes.</source>
        <translation>okcomposer подключён к локальной песочнице ОК, а не к ok.ru. Она отвечает так же, как ОК, поэтому можно попробовать всё; ничего из опубликованного здесь не попадает в ОК, а песочница всё забывает, когда okcomposer закрывается.</translation>
    </message>
    <message>
        <source>Address: {address}</source>
        <translation>Адрес: {address}</translation>
    </message>
    <message>
        <source>Open the sandbox&apos;s page</source>
        <translation>Открыть страницу песочницы</translation>
    </message>
    <message>
        <source>Topics, Moments, photos and videos the sandbox stored</source>
        <translation>Темы, моменты, фото и видео, которые сохранила песочница</translation>
    </message>
    <message>
        <source>To send okcomposer commands to it as its demo user, set these (they are public):</source>
        <translation>Чтобы отправлять ему команды okcomposer от имени демо-пользователя, задайте эти переменные (они не секретны):</translation>
    </message>
    <message>
        <source>Copy settings</source>
        <translation>Скопировать переменные</translation>
    </message>
    <message>
        <source>Sandbox…</source>
        <translation>Песочница…</translation>
    </message>
    <message>
        <source>Where the sandbox runs and what it stored</source>
        <translation>Где работает песочница и что она сохранила</translation>
    </message>
    <message>
        <source>Connected to a local OK sandbox at {address}, not to ok.ru</source>
        <translation>Подключено к локальной песочнице ОК по адресу {address}, а не к ok.ru</translation>
    </message>
    <message>
        <source>Sandbox mode</source>
        <translation>Режим песочницы</translation>
    </message>
</context>
<context>
    <name>SessionFlow</name>
    <message>
        <source>Sandbox</source>
        <translation>Песочница</translation>
    </message>
    <message>
        <source>The built-in sandbox could not start: {error}</source>
        <translation>Встроенная песочница не запустилась: {error}</translation>
    </message>
    <message>
        <source>Session renewed</source>
        <translation>Сеанс продлён</translation>
    </message>
    <message>
        <source>OK&apos;s session had expired and was renewed. Your post is unchanged: publish it again.</source>
        <translation>Сеанс OK истёк и был продлён. Публикация не изменилась: опубликуйте её ещё раз.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <source>A new language applies when okcomposer starts next time.</source>
        <translation>Новый язык применится при следующем запуске okcomposer.</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>This computer&apos;s zone</source>
        <translation>Пояс этого компьютера</translation>
    </message>
    <message>
        <source>Remove the location (GPS) from photos before uploading</source>
        <translation>Удалять местоположение (GPS) из фото перед загрузкой</translation>
    </message>
    <message>
        <source>How many photo uploads run at the same time</source>
        <translation>Сколько фото загружается одновременно</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Тема оформления</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Часовой пояс</translation>
    </message>
    <message>
        <source>Parallel uploads</source>
        <translation>Одновременных загрузок</translation>
    </message>
    <message>
        <source>Unknown time zone &quot;{zone}&quot;: pick one from the list, such as Europe/Moscow.</source>
        <translation>Неизвестный часовой пояс «{zone}»: выберите пояс из списка, например Europe/Moscow.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to OK</source>
        <translation>Вход в ОК</translation>
    </message>
    <message>
        <source>Sign in with OK</source>
        <translation>Войти через ОК</translation>
    </message>
    <message>
        <source>Use my own OK application…</source>
        <translation>Использовать своё приложение ОК…</translation>
    </message>
    <message>
        <source>e.g. 512000000000</source>
        <translation>например, 512000000000</translation>
    </message>
    <message>
        <source>e.g. CBAxxxxxxxxxxxxxx</source>
        <translation>например, CBAxxxxxxxxxxxxxx</translation>
    </message>
    <message>
        <source>Optional: enables sign-in that renews itself</source>
        <translation>Необязательно: вход, который продлевается сам</translation>
    </message>
    <message>
        <source>Open the OK sign-in page</source>
        <translation>Открыть страницу входа ОК</translation>
    </message>
    <message>
        <source>The sign-in page address appears here</source>
        <translation>Здесь появится адрес страницы входа</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy the address of OK&apos;s sign-in page, to open it in a browser</source>
        <translation>Скопировать адрес страницы входа ОК, чтобы открыть его в браузере</translation>
    </message>
    <message>
        <source>Paste the address the browser ended on</source>
        <translation>Вставьте адрес, на котором остановился браузер</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>okcomposer opens OK&apos;s sign-in page in your browser; once you allow access there, it finishes by itself. Your sign-in is kept only in the system keyring.</source>
        <translation>okcomposer откроет страницу входа ОК в браузере; когда вы разрешите там доступ, вход завершится сам. Данные входа хранятся только в системном хранилище паролей.</translation>
    </message>
    <message>
        <source>This copy of okcomposer has no OK application configured: enter the id and public key of your own OK application (apiok.ru). Your sign-in is kept only in the system keyring.</source>
        <translation>В этой копии okcomposer не настроено приложение ОК: укажите ID и публичный ключ своего приложения ОК (apiok.ru). Данные входа хранятся только в системном хранилище паролей.</translation>
    </message>
    <message>
        <source>Application id</source>
        <translation>ID приложения</translation>
    </message>
    <message>
        <source>Public key</source>
        <translation>Публичный ключ</translation>
    </message>
    <message>
        <source>Secret key</source>
        <translation>Секретный ключ</translation>
    </message>
    <message>
        <source>Redirect address</source>
        <translation>Адрес перенаправления</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>Адрес API</translation>
    </message>
    <message>
        <source>Sign-in page</source>
        <translation>Страница входа</translation>
    </message>
    <message>
        <source>Address to paste</source>
        <translation>Вставленный адрес</translation>
    </message>
    <message>
        <source>Enter the application&apos;s public key.</source>
        <translation>Укажите публичный ключ приложения.</translation>
    </message>
    <message>
        <source>The application id is the numeric application id, not the public key.</source>
        <translation>ID приложения — это его числовой идентификатор, а не публичный ключ.</translation>
    </message>
    <message>
        <source>Check the application settings: {error}</source>
        <translation>Проверьте настройки приложения: {error}</translation>
    </message>
    <message>
        <source>Allow access in the browser; okcomposer finishes by itself.</source>
        <translation>Разрешите доступ в браузере — okcomposer завершит вход сам.</translation>
    </message>
    <message>
        <source>Allow access in the browser, then paste the address it ended on.</source>
        <translation>Разрешите доступ в браузере, затем вставьте адрес, на котором он остановился.</translation>
    </message>
    <message>
        <source>No browser could be opened. Copy the address above into a browser.</source>
        <translation>Не удалось открыть браузер. Скопируйте адрес выше в браузер.</translation>
    </message>
    <message>
        <source>The address is copied: paste it into a browser&apos;s address bar.</source>
        <translation>Адрес скопирован: вставьте его в адресную строку браузера.</translation>
    </message>
    <message>
        <source>The application changed: open the OK sign-in page again.</source>
        <translation>Приложение изменилось: откройте страницу входа ОК заново.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Выполняется вход…</translation>
    </message>
    <message>
        <source>Not signed in: there is no system keyring to keep the sign-in.</source>
        <translation>Вход не выполнен: нет системного хранилища паролей для данных входа.</translation>
    </message>
</context>
<context>
    <name>SlotsDialog</name>
    <message>
        <source>Posting slots</source>
        <translation>Время публикаций</translation>
    </message>
    <message>
        <source>My page</source>
        <translation>Моя страница</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Где</translation>
    </message>
    <message>
        <source>Minimum gap between posts</source>
        <translation>Наименьший промежуток между постами</translation>
    </message>
    <message>
        <source>The slots could not be saved: {error}</source>
        <translation>Не удалось сохранить время публикаций: {error}</translation>
    </message>
    <message>
        <source>Add the free weekdays and hours when your posts here drew the most engagement per reach</source>
        <translation>Добавить свободные дни и часы, когда ваши посты здесь получали больше всего вовлечённости на охват</translation>
    </message>
    <message>
        <source>Preferred weekly times, in your time zone ({zone}):</source>
        <translation>Предпочтительное время на неделе, в вашем часовом поясе ({zone}):</translation>
    </message>
    <message>
        <source>Added from your figures: {slots}</source>
        <translation>Добавлено по вашей статистике: {slots}</translation>
    </message>
    <message>
        <source>No more best times to suggest: too few posts here with figures (see Insights).</source>
        <translation>Больше нечего предложить: здесь слишком мало постов со статистикой (см. «Статистика»).</translation>
    </message>
    <message>
        <source>Suggest best times</source>
        <translation>Предложить лучшее время</translation>
    </message>
</context>
<context>
    <name>SpellCheck</name>
    <message>
        <source>Russian</source>
        <translation>русского</translation>
    </message>
    <message>
        <source>English</source>
        <translation>английского</translation>
    </message>
    <message>
        <source>Install them: sudo apt install libenchant-2-2 hunspell-ru hunspell-en-us</source>
        <translation>Установите словари: sudo apt install libenchant-2-2 hunspell-ru hunspell-en-us</translation>
    </message>
    <message>
        <source>brew install enchant, then put ru_RU and en_US .dic/.aff in ~/.config/enchant/hunspell</source>
        <translation>Выполните brew install enchant и положите файлы ru_RU и en_US (.dic, .aff) в ~/.config/enchant/hunspell</translation>
    </message>
    <message>
        <source>Put the ru_RU and en_US .dic and .aff files in %LOCALAPPDATA%\enchant\hunspell</source>
        <translation>Положите файлы словарей ru_RU и en_US (.dic и .aff) в папку %LOCALAPPDATA%\enchant\hunspell</translation>
    </message>
    <message>
        <source>Spelling is not checked for: {0}. {1}, then restart okcomposer.</source>
        <translation>Орфография не проверяется для {0} языка. {1}, затем перезапустите okcomposer.</translation>
    </message>
    <message>
        <source>No suggestions</source>
        <translation>Нет вариантов</translation>
    </message>
    <message>
        <source>Add “{0}” to the dictionary</source>
        <translation>Добавить «{0}» в словарь</translation>
    </message>
</context>
<context>
    <name>TargetPicker</name>
    <message>
        <source>Search groups</source>
        <translation>Поиск групп</translation>
    </message>
    <message>
        <source>On behalf of the group</source>
        <translation>От имени группы</translation>
    </message>
    <message>
        <source>Turn off comments</source>
        <translation>Выключить комментарии</translation>
    </message>
    <message>
        <source>Hidden topic</source>
        <translation>Скрытая тема</translation>
    </message>
    <message>
        <source>Preview the link in the text</source>
        <translation>Превью ссылки из текста</translation>
    </message>
    <message>
        <source>Group topic</source>
        <translation>Тема в группе</translation>
    </message>
    <message>
        <source>My page</source>
        <translation>Моя страница</translation>
    </message>
    <message>
        <source>Topic options</source>
        <translation>Параметры темы</translation>
    </message>
    <message>
        <source>Your feed, status or a note</source>
        <translation>Ваша лента, статус или заметка</translation>
    </message>
    <message>
        <source>Feed post</source>
        <translation>Пост в ленте</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>Promo topic</source>
        <translation>Рекламная тема</translation>
    </message>
    <message>
        <source>Suggested topic</source>
        <translation>Предложенная тема</translation>
    </message>
    <message>
        <source>Post type</source>
        <translation>Тип публикации</translation>
    </message>
    <message>
        <source>Post to</source>
        <translation>Где опубликовать</translation>
    </message>
    <message>
        <source>Your role here is unknown</source>
        <translation>Ваша роль здесь неизвестна</translation>
    </message>
    <message>
        <source>You may post here, also on behalf of the group</source>
        <translation>Можно публиковать и от имени группы</translation>
    </message>
    <message>
        <source>You may suggest topics</source>
        <translation>Можно предлагать темы</translation>
    </message>
    <message>
        <source>You may not post here</source>
        <translation>Публиковать здесь нельзя</translation>
    </message>
    <message>
        <source>Sign in to post in your groups.</source>
        <translation>Войдите, чтобы публиковать в своих группах.</translation>
    </message>
    <message>
        <source>Loading your groups…</source>
        <translation>Загрузка ваших групп…</translation>
    </message>
    <message>
        <source>Loading your groups… {done} of {count}</source>
        <translation>Загрузка ваших групп… {done} из {count}</translation>
    </message>
    <message>
        <source>Group {gid}</source>
        <translation>Группа {gid}</translation>
    </message>
    <message>
        <source>Your groups: {count}</source>
        <translation>Ваши группы: {count}</translation>
    </message>
    <message>
        <source>Your groups could not be loaded.</source>
        <translation>Не удалось загрузить ваши группы.</translation>
    </message>
</context>
<context>
    <name>TemplatesView</name>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>The text, or hashtags separated by spaces</source>
        <translation>Текст или хештеги через пробел</translation>
    </message>
    <message>
        <source>Save snippet</source>
        <translation>Сохранить заготовку</translation>
    </message>
    <message>
        <source>Save the post&apos;s poll</source>
        <translation>Сохранить опрос из поста</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Template name</source>
        <translation>Название шаблона</translation>
    </message>
    <message>
        <source>Save post as template</source>
        <translation>Сохранить пост как шаблон</translation>
    </message>
    <message>
        <source>New post from template</source>
        <translation>Новый пост из шаблона</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Подпись</translation>
    </message>
    <message>
        <source>Hashtags</source>
        <translation>Хештеги</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Poll</source>
        <translation>Опрос</translation>
    </message>
    <message>
        <source>Snippets: click, or Ctrl+1…Ctrl+9</source>
        <translation>Заготовки: щелчок или Ctrl+1…Ctrl+9</translation>
    </message>
    <message>
        <source>Post templates</source>
        <translation>Шаблоны постов</translation>
    </message>
    <message>
        <source>Insert snippet {number}</source>
        <translation>Вставить заготовку {number}</translation>
    </message>
    <message>
        <source>Give the snippet a name.</source>
        <translation>Дайте заготовке название.</translation>
    </message>
    <message>
        <source>The snippet is empty.</source>
        <translation>Заготовка пустая.</translation>
    </message>
    <message>
        <source>Snippet saved.</source>
        <translation>Заготовка сохранена.</translation>
    </message>
    <message>
        <source>The post has no poll to save.</source>
        <translation>В посте нет опроса, который можно сохранить.</translation>
    </message>
    <message>
        <source>Poll saved as a snippet.</source>
        <translation>Опрос сохранён как заготовка.</translation>
    </message>
    <message>
        <source>Snippet deleted.</source>
        <translation>Заготовка удалена.</translation>
    </message>
    <message>
        <source>Give the template a name.</source>
        <translation>Дайте шаблону название.</translation>
    </message>
    <message>
        <source>Template saved.</source>
        <translation>Шаблон сохранён.</translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message>
        <source>Write your post…</source>
        <translation>Напишите пост…</translation>
    </message>
    <message>
        <source>{0} / {1} characters (an emoji counts as 2)</source>
        <translation>{0} / {1} символов (эмодзи считается за 2)</translation>
    </message>
</context>
<context>
    <name>TileDelegate</name>
    <message>
        <source>Fix</source>
        <translation>Исправить</translation>
    </message>
</context>
<context>
    <name>TopicReshareEditor</name>
    <message>
        <source>Topic id</source>
        <translation>ID темы</translation>
    </message>
    <message>
        <source>It is a group&apos;s topic</source>
        <translation>Это тема группы</translation>
    </message>
</context>
<context>
    <name>TopicsModel</name>
    <message>
        <source>(no text)</source>
        <translation>(без текста)</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Комментарии</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Double-click or press Enter to see this post in History</source>
        <translation>Двойной щелчок или Enter — показать этот пост в Истории</translation>
    </message>
    <message>
        <source>First words</source>
        <translation>Начало текста</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>Классы</translation>
    </message>
    <message>
        <source>Link clicks</source>
        <translation>Переходы</translation>
    </message>
    <message>
        <source>Negatives</source>
        <translation>Негатив</translation>
    </message>
    <message>
        <source>Published outside okcomposer: History does not list it</source>
        <translation>Опубликован не через okcomposer: в Истории его нет</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Охват</translation>
    </message>
    <message>
        <source>Reshares</source>
        <translation>Репосты</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Show okcomposer</source>
        <translation>Показать okcomposer</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выйти</translation>
    </message>
    <message numerus="yes">
        <source>okcomposer: %n posts waiting to be sent</source>
        <translation>
            <numerusform>okcomposer: %n запись ждёт отправки</numerusform>
            <numerusform>okcomposer: %n записи ждут отправки</numerusform>
            <numerusform>okcomposer: %n записей ждут отправки</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>okcomposer keeps running to send %n waiting posts on time.</source>
        <translation>
            <numerusform>okcomposer продолжает работать, чтобы вовремя отправить %n ждущую запись.</numerusform>
            <numerusform>okcomposer продолжает работать, чтобы вовремя отправить %n ждущие записи.</numerusform>
            <numerusform>okcomposer продолжает работать, чтобы вовремя отправить %n ждущих записей.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n posts for your page are waiting to be sent by okcomposer at their time. This is the sandbox: if you quit, it forgets them with everything it stored, and they are never sent.</source>
        <translation>
            <numerusform>%n запись для вашей страницы ждёт отправки в своё время. Это песочница: если выйти, она забудет её вместе со всем, что хранила, и запись не будет отправлена никогда.</numerusform>
            <numerusform>%n записи для вашей страницы ждут отправки в своё время. Это песочница: если выйти, она забудет их вместе со всем, что хранила, и они не будут отправлены никогда.</numerusform>
            <numerusform>%n записей для вашей страницы ждут отправки в своё время. Это песочница: если выйти, она забудет их вместе со всем, что хранила, и они не будут отправлены никогда.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n posts for your page are waiting to be sent by okcomposer at their time. If you quit, they are not sent until you start okcomposer again (it will ask you then).</source>
        <translation>
            <numerusform>%n запись для вашей страницы ждёт отправки в своё время. Если выйти, она не будет отправлена, пока вы снова не запустите okcomposer (тогда он спросит, что с ней делать).</numerusform>
            <numerusform>%n записи для вашей страницы ждут отправки в своё время. Если выйти, они не будут отправлены, пока вы снова не запустите okcomposer (тогда он спросит, что с ними делать).</numerusform>
            <numerusform>%n записей для вашей страницы ждут отправки в своё время. Если выйти, они не будут отправлены, пока вы снова не запустите okcomposer (тогда он спросит, что с ними делать).</numerusform>
        </translation>
    </message>
    <message>
        <source>Posts are waiting</source>
        <translation>Записи ждут отправки</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Всё равно выйти</translation>
    </message>
</context>
<context>
    <name>VersionEditor</name>
    <message>
        <source>Same as the base post</source>
        <translation>Как основной пост</translation>
    </message>
    <message>
        <source>Own text</source>
        <translation>Свой текст</translation>
    </message>
    <message>
        <source>The text of the first text block for this target</source>
        <translation>Текст первого текстового блока для этого места</translation>
    </message>
    <message>
        <source>Own publish time</source>
        <translation>Своё время публикации</translation>
    </message>
    <message>
        <source>As in the base post</source>
        <translation>Как в основном посте</translation>
    </message>
    <message>
        <source>On behalf of the group</source>
        <translation>От имени группы</translation>
    </message>
    <message>
        <source>As myself</source>
        <translation>От своего имени</translation>
    </message>
    <message>
        <source>Comments on</source>
        <translation>Комментарии включены</translation>
    </message>
    <message>
        <source>Comments off</source>
        <translation>Комментарии выключены</translation>
    </message>
    <message>
        <source>Use the base post</source>
        <translation>Вернуть основной пост</translation>
    </message>
    <message>
        <source>Published as</source>
        <translation>От чьего имени</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Комментарии</translation>
    </message>
    <message>
        <source>Version for {target}</source>
        <translation>Версия для «{target}»</translation>
    </message>
    <message>
        <source>Publish again</source>
        <translation>Опубликовать ещё раз</translation>
    </message>
    <message>
        <source>Publish it there once more, although the same post is there</source>
        <translation>Опубликовать туда ещё раз, хотя такой пост там уже есть</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Проверить снова</translation>
    </message>
    <message>
        <source>Look on OK whether it was published; nothing is sent</source>
        <translation>Посмотреть в ОК, опубликовано ли; ничего не отправляется</translation>
    </message>
    <message>
        <source>Publish anyway</source>
        <translation>Всё равно опубликовать</translation>
    </message>
    <message>
        <source>Send it once more: only after you have looked on ok.ru and it is not there</source>
        <translation>Отправить ещё раз — только если вы посмотрели на ok.ru и поста там нет</translation>
    </message>
</context>
<context>
    <name>VideoUploader</name>
    <message>
        <source>Add video file…</source>
        <translation>Добавить видеофайл…</translation>
    </message>
    <message>
        <source>Title on OK (the file name if empty)</source>
        <translation>Название в ОК (если пусто — имя файла)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Choose a video</source>
        <translation>Выберите видео</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mov *.avi *.mkv *.webm)</source>
        <translation>Видео (*.mp4 *.mov *.avi *.mkv *.webm)</translation>
    </message>
    <message>
        <source>Sign in to upload videos.</source>
        <translation>Войдите, чтобы загружать видео.</translation>
    </message>
    <message>
        <source>Uploading {name}…</source>
        <translation>Загрузка {name}…</translation>
    </message>
    <message>
        <source>Uploading {name}: {sent} of {total} {unit}</source>
        <translation>Загрузка {name}: {sent} из {total} {unit}</translation>
    </message>
    <message>
        <source>Uploaded. OK is processing the video… this can take a few minutes.</source>
        <translation>Загружено. ОК обрабатывает видео… это может занять несколько минут.</translation>
    </message>
    <message>
        <source>Ready: video {id}</source>
        <translation>Готово: видео {id}</translation>
    </message>
    <message>
        <source>(OK reports the video as &apos;{status}&apos;)</source>
        <translation>(ОК сообщает о видео: «{status}»)</translation>
    </message>
    <message>
        <source>Upload cancelled.</source>
        <translation>Загрузка отменена.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
</context>
<context>
    <name>WaitingPost</name>
    <message>
        <source>The waiting post stays as it was until the problems in your edit are fixed.</source>
        <translation>Ожидающий пост остаётся прежним, пока не исправлены ошибки в вашей правке.</translation>
    </message>
    <message>
        <source>The waiting post stays as it was.</source>
        <translation>Ожидающий пост остаётся прежним.</translation>
    </message>
    <message>
        <source>Your edit is in the waiting post.</source>
        <translation>Ваша правка внесена в ожидающий пост.</translation>
    </message>
    <message>
        <source>This post no longer waits; publish it when you are ready.</source>
        <translation>Этот пост больше не ждёт; опубликуйте его, когда будете готовы.</translation>
    </message>
    <message>
        <source>It went to OK as it was queued; your edit did not go with it and is kept as a new draft.</source>
        <translation>Пост ушёл в ОК в том виде, в каком был поставлен в очередь; ваша правка в него не попала и сохранена как новый черновик.</translation>
    </message>
</context>
<context>
    <name>Workflow</name>
    <message>
        <source>Calendar</source>
        <translation>Календарь</translation>
    </message>
    <message>
        <source>Many targets</source>
        <translation>Несколько мест</translation>
    </message>
    <message>
        <source>Templates and snippets</source>
        <translation>Шаблоны и заготовки</translation>
    </message>
    <message>
        <source>Import posts from CSV or Excel…</source>
        <translation>Импорт постов из CSV или Excel…</translation>
    </message>
    <message>
        <source>Posting slots…</source>
        <translation>Время публикаций…</translation>
    </message>
    <message>
        <source>Insights</source>
        <translation>Статистика</translation>
    </message>
</context>
<context>
    <name>ZonedDateTime</name>
    <message>
        <source>Times are in the time zone chosen in Settings (else this computer&apos;s)</source>
        <translation>Время указано в часовом поясе из настроек (если он не выбран — в поясе этого компьютера)</translation>
    </message>
</context>
<context>
    <name>block types</name>
    <message>
        <source>text</source>
        <translation>текст</translation>
    </message>
    <message>
        <source>link</source>
        <translation>ссылка</translation>
    </message>
    <message>
        <source>photos</source>
        <translation>фото</translation>
    </message>
    <message>
        <source>video</source>
        <translation>видео</translation>
    </message>
    <message>
        <source>music</source>
        <translation>музыка</translation>
    </message>
    <message>
        <source>poll</source>
        <translation>опрос</translation>
    </message>
    <message>
        <source>app</source>
        <translation>приложение</translation>
    </message>
    <message>
        <source>app link</source>
        <translation>ссылка на приложение</translation>
    </message>
    <message>
        <source>shared topic</source>
        <translation>репост темы</translation>
    </message>
    <message>
        <source>shared video</source>
        <translation>репост видео</translation>
    </message>
</context>
<context>
    <name>drafts</name>
    <message>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Публикуется</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Опубликован</translation>
    </message>
    <message>
        <source>Scheduled on OK</source>
        <translation>Запланировано в ОК</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Unknown: check on OK</source>
        <translation>Неизвестно: проверьте в ОК</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>OK did not allow this. Sign in again and grant every permission asked, and check your role in the group.</source>
        <translation>ОК не разрешил это действие. Войдите снова, дав все запрошенные разрешения, и проверьте свою роль в группе.</translation>
    </message>
    <message>
        <source>OK rejected the request signature. Sign in again; if it keeps happening, check the application keys.</source>
        <translation>ОК отклонил подпись запроса. Войдите снова; если ошибка повторяется, проверьте ключи приложения.</translation>
    </message>
    <message>
        <source>The privacy settings of the group or person do not allow this post.</source>
        <translation>Настройки приватности группы или человека не позволяют эту публикацию.</translation>
    </message>
    <message>
        <source>OK refused a photo because of its size. Use a smaller photo or let okcomposer shrink it.</source>
        <translation>ОК не принял фото из-за размера. Возьмите фото поменьше или дайте okcomposer его уменьшить.</translation>
    </message>
    <message>
        <source>OK refused the content of the post. Fix the marked block and publish again.</source>
        <translation>ОК не принял содержимое публикации. Исправьте отмеченный блок и опубликуйте снова.</translation>
    </message>
    <message>
        <source>OK&apos;s service is temporarily unavailable. Wait a minute and publish again.</source>
        <translation>Сервис ОК временно недоступен. Подождите минуту и опубликуйте снова.</translation>
    </message>
    <message>
        <source>OK blocked this action for your account. Check your notifications on OK.</source>
        <translation>ОК заблокировал это действие для вашего аккаунта. Проверьте уведомления в ОК.</translation>
    </message>
    <message>
        <source>Too many requests in a short time. Wait a few minutes, then try again.</source>
        <translation>Слишком много запросов за короткое время. Подождите несколько минут и попробуйте снова.</translation>
    </message>
    <message>
        <source>OK blocked requests from your network address for a while. Try again later.</source>
        <translation>ОК временно заблокировал запросы с вашего сетевого адреса. Попробуйте позже.</translation>
    </message>
    <message>
        <source>You reached OK&apos;s limit for this action. Wait a while (up to a day) before posting again.</source>
        <translation>Вы достигли лимита ОК на это действие. Подождите (до суток), прежде чем публиковать снова.</translation>
    </message>
    <message>
        <source>You reached OK&apos;s total limit for this action. Wait a while (up to a day) before posting again.</source>
        <translation>Вы исчерпали общий лимит ОК на это действие. Подождите (до суток), прежде чем публиковать снова.</translation>
    </message>
    <message>
        <source>You are not an administrator of this group, so you cannot publish there this way.</source>
        <translation>Вы не администратор этой группы, поэтому не можете так публиковать в ней.</translation>
    </message>
    <message>
        <source>OK refused a parameter of the request. Check the post and try again.</source>
        <translation>ОК не принял параметр запроса. Проверьте публикацию и попробуйте снова.</translation>
    </message>
    <message>
        <source>OK does not accept the application key. Check the public key and sign in again.</source>
        <translation>ОК не принимает ключ приложения. Проверьте публичный ключ и войдите снова.</translation>
    </message>
    <message>
        <source>Your OK session has expired. Sign in again; the post stays in the composer.</source>
        <translation>Ваш сеанс в ОК истёк. Войдите снова; публикация останется в редакторе.</translation>
    </message>
    <message>
        <source>OK does not recognise the session. Sign in again.</source>
        <translation>ОК не узнаёт сеанс. Войдите снова.</translation>
    </message>
    <message>
        <source>The group does not exist any more or the id is wrong. Choose the group again.</source>
        <translation>Группы больше нет или её ID неверен. Выберите группу заново.</translation>
    </message>
    <message>
        <source>The OK application is disabled. Check its settings on OK.</source>
        <translation>Приложение в ОК отключено. Проверьте его настройки в ОК.</translation>
    </message>
    <message>
        <source>OK could not find what the post refers to (a photo, topic or group).</source>
        <translation>ОК не нашёл то, на что ссылается публикация (фото, тему или группу).</translation>
    </message>
    <message>
        <source>This needs a signed-in account. Sign in first.</source>
        <translation>Для этого нужен вход в аккаунт. Сначала войдите.</translation>
    </message>
    <message>
        <source>OK&apos;s filter rejected the text. Change the wording and try again.</source>
        <translation>Фильтр ОК отклонил текст. Измените формулировку и попробуйте снова.</translation>
    </message>
    <message>
        <source>OK cannot read the format of a photo. Save it as JPEG or PNG and add it again.</source>
        <translation>ОК не может прочитать формат фото. Сохраните его как JPEG или PNG и добавьте снова.</translation>
    </message>
    <message>
        <source>A photo is damaged. Pick the original file again.</source>
        <translation>Фото повреждено. Выберите исходный файл ещё раз.</translation>
    </message>
    <message>
        <source>A photo file holds no image. Pick the complete photo again.</source>
        <translation>В файле фото нет изображения. Выберите полный файл ещё раз.</translation>
    </message>
    <message>
        <source>The photo album belongs to someone else. Add the photos again.</source>
        <translation>Фотоальбом принадлежит другому человеку. Добавьте фото заново.</translation>
    </message>
    <message>
        <source>The photo album does not belong to this group. Add the photos again.</source>
        <translation>Фотоальбом не принадлежит этой группе. Добавьте фото заново.</translation>
    </message>
    <message>
        <source>The post marks too many friends. Mark fewer friends and publish again.</source>
        <translation>В публикации отмечено слишком много друзей. Отметьте меньше друзей и опубликуйте снова.</translation>
    </message>
    <message>
        <source>A marked friend cannot be marked in posts. Remove that friend and try again.</source>
        <translation>Одного из отмеченных друзей нельзя отмечать в публикациях. Уберите его и попробуйте снова.</translation>
    </message>
    <message>
        <source>OK refused the web address of the link. Check it and publish again.</source>
        <translation>ОК не принял веб-адрес ссылки. Проверьте его и опубликуйте снова.</translation>
    </message>
    <message>
        <source>OK had an internal error. Try again later.</source>
        <translation>Внутренняя ошибка ОК. Попробуйте позже.</translation>
    </message>
    <message>
        <source>OK refused the request.</source>
        <translation>ОК отклонил запрос.</translation>
    </message>
    <message>
        <source>The connection broke while OK was publishing, and OK could not confirm whether the post went out. Look at the page or group on ok.ru before publishing again.</source>
        <translation>Связь прервалась во время публикации, и ОК не подтвердил, вышел ли пост. Прежде чем публиковать снова, посмотрите страницу или группу на ok.ru.</translation>
    </message>
    <message>
        <source>Cancelled; nothing was published.</source>
        <translation>Отменено; ничего не опубликовано.</translation>
    </message>
    <message>
        <source>Could not reach OK. Check the internet connection and try again.</source>
        <translation>Не удалось связаться с ОК. Проверьте подключение к интернету и попробуйте снова.</translation>
    </message>
    <message>
        <source>OK answered with HTTP status {status}. Try again in a few minutes.</source>
        <translation>ОК ответил с HTTP-статусом {status}. Попробуйте через несколько минут.</translation>
    </message>
    <message>
        <source>The server sent okcomposer on to another address ({host}). okcomposer never follows such a redirect, so nothing was sent there. Check the API address in the settings or your network.</source>
        <translation>Сервер перенаправил okcomposer на другой адрес ({host}). okcomposer никогда не следует таким перенаправлениям, поэтому туда ничего не отправлено. Проверьте адрес API в настройках или свою сеть.</translation>
    </message>
    <message>
        <source>OK sent an answer okcomposer does not understand. Try again later.</source>
        <translation>ОК прислал ответ, который okcomposer не понимает. Попробуйте позже.</translation>
    </message>
    <message>
        <source>Signing in failed. Start again with a new sign-in page.</source>
        <translation>Войти не удалось. Начните заново с новой страницы входа.</translation>
    </message>
    <message>
        <source>The keyring has no sign-in for this account. Sign in again.</source>
        <translation>В хранилище паролей нет данных входа для этого аккаунта. Войдите снова.</translation>
    </message>
    <message>
        <source>No system keyring is available to keep your sign-in safe.</source>
        <translation>Нет системного хранилища паролей, чтобы надёжно сохранить вход.</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Что-то пошло не так: {error}</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>there is no group {gid}</source>
        <translation>группы {gid} нет</translation>
    </message>
    <message>
        <source>you are not a member of group {gid}, so you cannot publish there</source>
        <translation>вы не состоите в группе {gid} и не можете в ней публиковать</translation>
    </message>
    <message>
        <source>only admins, moderators and editors publish in group {gid}</source>
        <translation>в группе {gid} публикуют только администраторы, модераторы и редакторы</translation>
    </message>
    <message>
        <source>the time for your page has passed; choose a later time or publish it at once</source>
        <translation>время публикации на вашей странице уже прошло; выберите время позже или опубликуйте сразу</translation>
    </message>
    <message>
        <source>the photo {name} does not exist</source>
        <translation>фото {name} не найдено</translation>
    </message>
    <message>
        <source>the photo {name} cannot be opened ({why})</source>
        <translation>фото {name} не открывается ({why})</translation>
    </message>
    <message>
        <source>the photo {name} cannot be published as it is</source>
        <translation>фото {name} нельзя опубликовать в таком виде</translation>
    </message>
    <message>
        <source>the video &apos;{name}&apos; does not exist (moved or deleted?); pick it again</source>
        <translation>видео «{name}» не найдено (перемещено или удалено?); выберите его заново</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a regular file; pick a video file</source>
        <translation>«{name}» — не обычный файл; выберите файл видео</translation>
    </message>
    <message>
        <source>the video &apos;{name}&apos; is {size}; OK takes {low_kb} KB to {high_mb} MB</source>
        <translation>видео «{name}» весит {size}, а ОК принимает от {low_kb} КБ до {high_mb} МБ</translation>
    </message>
    <message>
        <source>{file} cannot be read as a CSV file ({reason})</source>
        <translation>{file} не читается как файл CSV ({reason})</translation>
    </message>
    <message>
        <source>{file}: not UTF-8 text (line {line}); save it as &apos;CSV UTF-8&apos;</source>
        <translation>{file}: текст не в кодировке UTF-8 (строка файла {line}); сохраните его как «CSV UTF-8»</translation>
    </message>
    <message>
        <source>{file}: more than {max} rows; split it into smaller files</source>
        <translation>{file}: больше {max} строк; разбейте его на файлы поменьше</translation>
    </message>
    <message>
        <source>{file}: row {row} (line {line}): a cell is longer than {max} characters</source>
        <translation>{file}: строка {row} (строка файла {line}): в ячейке больше {max} символов</translation>
    </message>
    <message>
        <source>{file}: row {row} (line {line}) is not valid CSV ({error})</source>
        <translation>{file}: строка {row} (строка файла {line}) не читается как CSV ({error})</translation>
    </message>
    <message>
        <source>{file}: the file is empty</source>
        <translation>{file}: файл пуст</translation>
    </message>
    <message>
        <source>{file}: unknown column {name} (known: {known})</source>
        <translation>{file}: неизвестный столбец {name} (известные: {known})</translation>
    </message>
    <message>
        <source>{file}: the column &apos;{name}&apos; appears twice</source>
        <translation>{file}: столбец «{name}» встречается дважды</translation>
    </message>
    <message>
        <source>{file}: no &apos;target&apos; column (a group id or &apos;me&apos; for each row)</source>
        <translation>{file}: нет столбца target или «группа» (ID группы или «я» в каждой строке)</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>не указано, куда публиковать</translation>
    </message>
    <message>
        <source>the type {type} does not fit the target; use one of {allowed}</source>
        <translation>тип {type} не подходит для этого места; укажите один из: {allowed}</translation>
    </message>
    <message>
        <source>the time {time} is not written in a way this app reads; write it as one of {accepted}</source>
        <translation>время {time} записано непонятно; запишите его одним из способов: {accepted}</translation>
    </message>
    <message>
        <source>{file}: cannot tell how its text is encoded; save it as &apos;CSV UTF-8&apos;</source>
        <translation>{file}: не удаётся определить кодировку текста; сохраните файл как «CSV UTF-8»</translation>
    </message>
    <message>
        <source>{file}: not a readable Excel workbook ({error}); save it again as .xlsx or as CSV</source>
        <translation>{file}: книгу Excel не удаётся прочитать ({error}); сохраните её заново как .xlsx или как CSV</translation>
    </message>
    <message>
        <source>{file}: an old Excel 97-2003 workbook (.xls); save it as .xlsx or as &apos;CSV UTF-8&apos;</source>
        <translation>{file}: это старая книга Excel 97-2003 (.xls); сохраните её как .xlsx или как «CSV UTF-8»</translation>
    </message>
    <message>
        <source>the photo {url} could not be downloaded ({why})</source>
        <translation>не удалось скачать фото {url} ({why})</translation>
    </message>
    <message>
        <source>the photo {url} did not arrive within {seconds} seconds</source>
        <translation>фото {url} не загрузилось за {seconds} с</translation>
    </message>
    <message>
        <source>the photo {url} could not be downloaded: the server answered {status}</source>
        <translation>не удалось скачать фото {url}: сервер ответил {status}</translation>
    </message>
    <message>
        <source>{url} is not an image: the server sends {type}</source>
        <translation>{url} — не изображение: сервер присылает {type}</translation>
    </message>
    <message>
        <source>the photo {url} is larger than {mb} MB</source>
        <translation>фото {url} больше {mb} МБ</translation>
    </message>
    <message>
        <source>the time {time} does not exist in {zone}: the clocks skip it; pick another time</source>
        <translation>времени {time} нет в поясе {zone}: часы его пропускают; выберите другое время</translation>
    </message>
    <message>
        <source>the time {time} happens twice in {zone} (clocks go back); {used}, the first, is used</source>
        <translation>время {time} в поясе {zone} бывает дважды (часы переводят назад); взято первое, {used}</translation>
    </message>
    <message>
        <source>a value {value} in column {column}, which has no header; name it or clear it</source>
        <translation>значение {value} в столбце {column}, у которого нет заголовка; назовите столбец или очистите ячейку</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <source>cancelled while checking whether OK published it</source>
        <translation>отменено во время проверки, опубликовал ли ОК</translation>
    </message>
    <message>
        <source>okcomposer stopped before sending it</source>
        <translation>okcomposer остановился, не успев отправить</translation>
    </message>
    <message>
        <source>the post could not be read back: {error}</source>
        <translation>публикацию не удалось прочитать: {error}</translation>
    </message>
    <message>
        <source>OK lists no Moments to check</source>
        <translation>ОК не даёт списка моментов для проверки</translation>
    </message>
    <message>
        <source>OK could not be asked: {error}</source>
        <translation>не удалось спросить ОК: {error}</translation>
    </message>
    <message>
        <source>not among the latest topics on OK</source>
        <translation>нет среди последних публикаций на ОК</translation>
    </message>
    <message>
        <source>the connection to OK failed: {error}</source>
        <translation>связь с ОК прервалась: {error}</translation>
    </message>
    <message>
        <source>OK answered with HTTP status {status}</source>
        <translation>ОК ответил кодом HTTP {status}</translation>
    </message>
    <message>
        <source>the server sent okcomposer on to another address ({host}), which it never follows</source>
        <translation>сервер перенаправил okcomposer на другой адрес ({host}), а таким перенаправлениям он никогда не следует</translation>
    </message>
    <message>
        <source>the connection broke while OK was publishing: {error}</source>
        <translation>связь оборвалась, пока ОК публиковал: {error}</translation>
    </message>
    <message>
        <source>OK cannot delay posts on your own page (target me); clear publish_at</source>
        <translation>ОК не откладывает публикации на вашей странице («я»); очистите время публикации (publish_at)</translation>
    </message>
    <message>
        <source>the target {target} is neither a group id nor &apos;me&apos;; write the group&apos;s id, the number in its address (ok.ru/group/&lt;id&gt;), or sign in so that your groups&apos; names are known</source>
        <translation>цель {target} — не id группы и не &apos;me&apos;; укажите id группы (число в её адресе ok.ru/group/&lt;id&gt;) или войдите, чтобы приложение знало названия ваших групп</translation>
    </message>
    <message>
        <source>the target {target} is none of your groups&apos; names, nor a group id or &apos;me&apos;; write the group&apos;s id, the number in its address (ok.ru/group/&lt;id&gt;)</source>
        <translation>цель {target} — не название одной из ваших групп, не id группы и не &apos;me&apos;; укажите id группы (число в её адресе ok.ru/group/&lt;id&gt;)</translation>
    </message>
    <message>
        <source>several of your groups are named {target} ({ids}); write the group&apos;s id</source>
        <translation>{target} — так называются несколько ваших групп ({ids}); укажите id группы</translation>
    </message>
    <message>
        <source>the date in {time} does not exist: there is no {date}</source>
        <translation>даты в {time} не существует: нет такого дня, как {date}</translation>
    </message>
    <message>
        <source>the time {time} is not in the future</source>
        <translation>время {time} уже прошло</translation>
    </message>
</context>
<context>
    <name>photos</name>
    <message>
        <source>{name} holds no image (an unfinished download?). Pick the complete photo.</source>
        <translation>В {name} нет изображения (недокачанный файл?). Выберите полный файл.</translation>
    </message>
    <message>
        <source>{name} is not in a format OK takes (JPEG, PNG, GIF, BMP, WebP, TIFF). Pick another file.</source>
        <translation>{name} в формате, который ОК не принимает (нужен JPEG, PNG, GIF, BMP, WebP, TIFF). Выберите другой файл.</translation>
    </message>
    <message>
        <source>{name} is damaged. Pick the original file again.</source>
        <translation>{name} повреждён. Выберите исходный файл ещё раз.</translation>
    </message>
    <message>
        <source>{name} is {size}, more than OK takes. Pick a smaller file.</source>
        <translation>{name} весит {size} — больше, чем принимает ОК. Выберите файл поменьше.</translation>
    </message>
    <message>
        <source>{name} is too small ({width}×{height} pixels). Pick a larger photo.</source>
        <translation>{name} слишком маленький ({width}×{height} пикселей). Выберите фото побольше.</translation>
    </message>
    <message>
        <source>{name} has too many pixels ({width}×{height}). Pick a smaller photo.</source>
        <translation>В {name} слишком много пикселей ({width}×{height}). Выберите фото поменьше.</translation>
    </message>
    <message>
        <source>{name}: ready ({width}×{height}).</source>
        <translation>{name}: готово ({width}×{height}).</translation>
    </message>
    <message>
        <source>{name} does not exist (moved or deleted?). Pick the file again.</source>
        <translation>Файла {name} нет (перемещён или удалён?). Выберите файл заново.</translation>
    </message>
    <message>
        <source>{name} cannot be opened ({why}). Pick another file.</source>
        <translation>Не удаётся открыть {name} ({why}). Выберите другой файл.</translation>
    </message>
    <message>
        <source>{name} is a folder, not an image file. Pick a photo inside it.</source>
        <translation>{name} — это папка, а не файл изображения. Выберите фото в ней.</translation>
    </message>
    <message>
        <source>{name} is not a regular file (a pipe or device?). Pick a photo.</source>
        <translation>{name} — не обычный файл (канал или устройство?). Выберите фото.</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes): an unfinished download or copy? Pick the complete photo.</source>
        <translation>Файл {name} пуст (0 байт): загрузка или копирование не закончились? Выберите полный файл фото.</translation>
    </message>
    <message>
        <source>{name} cannot be read ({why}). Check its permissions.</source>
        <translation>Не удаётся прочитать {name} ({why}). Проверьте права доступа к нему.</translation>
    </message>
    <message>
        <source>{name} declares an image too large to open safely. Pick a smaller image.</source>
        <translation>{name} объявляет изображение слишком большого размера, чтобы безопасно его открыть. Выберите изображение поменьше.</translation>
    </message>
    <message>
        <source>{name} is {dims} pixels; OK takes at most {side} pixels a side and {megapixels} megapixels. Downscale it to {fitted} (offered) or pick a smaller image.</source>
        <translation>{name} — {dims} пикселей; ОК принимает не более {side} пикселей по стороне и {megapixels} мегапикселей. Уменьшите его до {fitted} (предлагается) или выберите изображение поменьше.</translation>
    </message>
    <message>
        <source>{name} is {dims} pixels; OK takes at most {side} pixels a side and {megapixels} megapixels. It is too large to shrink safely here (over {safe_megapixels} megapixels): resize it in an image editor or pick another image.</source>
        <translation>{name} — {dims} пикселей; ОК принимает не более {side} пикселей по стороне и {megapixels} мегапикселей. Оно слишком велико, чтобы безопасно уменьшить его здесь (больше {safe_megapixels} мегапикселей): уменьшите его в графическом редакторе или выберите другое изображение.</translation>
    </message>
</context>
<context>
    <name>rules</name>
    <message>
        <source>The post is empty; add some text, a photo or another block.</source>
        <translation>Публикация пуста; добавьте текст, фото или другой блок.</translation>
    </message>
    <message>
        <source>The post has {count} blocks but OK accepts at most {max}; remove {excess} of them.</source>
        <translation>В публикации блоков: {count}, а ОК принимает не больше {max}; удалите лишние ({excess}).</translation>
    </message>
    <message>
        <source>The text of the post is {count} characters long (an emoji counts as 2) but OK accepts at most {max}; shorten it by {excess} characters.</source>
        <translation>Длина текста публикации — {count} символов (эмодзи считается за 2), а ОК принимает не больше {max}; сократите его на {excess}.</translation>
    </message>
    <message>
        <source>A group ({gid}) is set but the topic type is {type}; choose a group topic type or clear the group.</source>
        <translation>Указана группа ({gid}), но тип публикации — {type}; выберите тип для группы или уберите группу.</translation>
    </message>
    <message>
        <source>A {type} topic needs a group; choose the group to post in.</source>
        <translation>Для публикации типа {type} нужна группа; выберите, где публиковать.</translation>
    </message>
    <message>
        <source>A suggested topic cannot be published on behalf of the group; turn off that option.</source>
        <translation>Предложенную тему нельзя опубликовать от имени группы; выключите этот параметр.</translation>
    </message>
    <message>
        <source>A group topic cannot be set as your status; turn off the status option or post on your page.</source>
        <translation>Тему в группе нельзя сделать вашим статусом; выключите этот параметр или опубликуйте на своей странице.</translation>
    </message>
    <message>
        <source>Only a group topic can be hidden; turn off the hidden post option.</source>
        <translation>Скрытой может быть только тема в группе; выключите параметр «Скрытая тема».</translation>
    </message>
    <message>
        <source>Only a group topic can be published on behalf of a group; turn off that option.</source>
        <translation>От имени группы можно публиковать только тему в группе; выключите этот параметр.</translation>
    </message>
    <message>
        <source>Comments can be turned off only for a group topic; turn off that option.</source>
        <translation>Выключить комментарии можно только у темы в группе; выключите этот параметр.</translation>
    </message>
    <message>
        <source>OK makes a link preview only when the last block is the only text block and holds exactly one link; as it is, the link stays plain text.</source>
        <translation>ОК делает превью ссылки, только если последний блок — единственный текстовый и в нём ровно одна ссылка; сейчас ссылка останется обычным текстом.</translation>
    </message>
    <message>
        <source>Only group topics (GROUP_THEME, GROUP_THEME_PROMO) can be scheduled, but this post is {type}; publish it now or post it in a group.</source>
        <translation>Запланировать можно только темы в группе (GROUP_THEME, GROUP_THEME_PROMO), а эта публикация — {type}; опубликуйте её сейчас или в группе.</translation>
    </message>
    <message>
        <source>The post has both publishAt and publishAtMs; keep only one publishing time.</source>
        <translation>В публикации есть и publishAt, и publishAtMs; оставьте одно время публикации.</translation>
    </message>
    <message>
        <source>The publishing time &apos;{value}&apos; is not a date and time in the form YYYY-MM-DD hh:mm:ss (Moscow time); choose the time again.</source>
        <translation>Время публикации «{value}» — не дата и время в виде ГГГГ-ММ-ДД чч:мм:сс (по Москве); выберите время заново.</translation>
    </message>
    <message>
        <source>The publishing time {value} ms is out of range; choose the time again.</source>
        <translation>Время публикации {value} мс вне допустимого диапазона; выберите время заново.</translation>
    </message>
    <message>
        <source>The publishing time {when} is not in the future (it is now {now}); choose a later time.</source>
        <translation>Время публикации {when} уже наступило (сейчас {now}); выберите время позже.</translation>
    </message>
    <message>
        <source>the text is empty; write something or remove the block.</source>
        <translation>текст пуст; напишите что-нибудь или удалите блок.</translation>
    </message>
    <message>
        <source>a post can have only one link and block {first} is one already; remove this block.</source>
        <translation>в публикации может быть только одна ссылка, и блок {first} уже ею является; удалите этот блок.</translation>
    </message>
    <message>
        <source>the link is empty; enter a web address such as https://ok.ru/.</source>
        <translation>ссылка пуста; укажите веб-адрес, например https://ok.ru/.</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is not a web address; enter a full address starting with https:// or http://.</source>
        <translation>«{url}» — не веб-адрес; укажите полный адрес, начинающийся с https:// или http://.</translation>
    </message>
    <message>
        <source>an app block cannot be the only content of a post; add a text or photo block.</source>
        <translation>блок приложения не может быть единственным в публикации; добавьте текст или фото.</translation>
    </message>
    <message>
        <source>an app block needs exactly one image ({width}x{height}) but has {count}; keep one.</source>
        <translation>блоку приложения нужна ровно одна картинка ({width}x{height}), а их {count}; оставьте одну.</translation>
    </message>
    <message>
        <source>the app image&apos;s address &apos;{url}&apos; is not a web address; enter one starting with https:// or http://.</source>
        <translation>адрес картинки приложения «{url}» — не веб-адрес; укажите адрес, начинающийся с https:// или http://.</translation>
    </message>
    <message>
        <source>an app block needs exactly one action but has {count}; keep one.</source>
        <translation>блоку приложения нужно ровно одно действие, а их {count}; оставьте одно.</translation>
    </message>
    <message>
        <source>the app action has no text; write the text of its link.</source>
        <translation>у действия приложения нет текста; напишите текст ссылки.</translation>
    </message>
    <message>
        <source>a post can have only one app-ref block and block {first} is one already; remove this block.</source>
        <translation>в публикации может быть только одна ссылка на приложение, и блок {first} уже ею является; удалите этот блок.</translation>
    </message>
    <message>
        <source>the app id is empty; enter the id of the application.</source>
        <translation>ID приложения пуст; укажите ID приложения.</translation>
    </message>
    <message>
        <source>the block has no photos; add a photo or remove the block.</source>
        <translation>в блоке нет фото; добавьте фото или удалите блок.</translation>
    </message>
    <message>
        <source>photo {item} has no upload token, photo id or file; remove it and add the photo again.</source>
        <translation>у фото {item} нет ни токена загрузки, ни ID, ни файла; удалите его и добавьте фото заново.</translation>
    </message>
    <message>
        <source>photo {item} has {sources} at once but needs exactly one; add the photo again.</source>
        <translation>у фото {item} одновременно {sources}, а нужно что-то одно; добавьте фото заново.</translation>
    </message>
    <message>
        <source>photo {item} ({file}) is not uploaded yet; upload it before publishing.</source>
        <translation>фото {item} ({file}) ещё не загружено; загрузите его перед публикацией.</translation>
    </message>
    <message>
        <source>the block has no videos; add a video or remove the block.</source>
        <translation>в блоке нет видео; добавьте видео или удалите блок.</translation>
    </message>
    <message>
        <source>video {item} has no id; remove it and add the video again.</source>
        <translation>у видео {item} нет ID; удалите его и добавьте видео заново.</translation>
    </message>
    <message>
        <source>the block has no tracks; add a track or remove the block.</source>
        <translation>в блоке нет треков; добавьте трек или удалите блок.</translation>
    </message>
    <message>
        <source>track {item} has no id; remove it and add the track again.</source>
        <translation>у трека {item} нет ID; удалите его и добавьте трек заново.</translation>
    </message>
    <message>
        <source>track {item} has no title; enter the title of the track.</source>
        <translation>у трека {item} нет названия; укажите название трека.</translation>
    </message>
    <message>
        <source>track {item} has no artist name; enter the artist.</source>
        <translation>у трека {item} не указан исполнитель; укажите исполнителя.</translation>
    </message>
    <message>
        <source>the question is empty; write a question.</source>
        <translation>вопрос пуст; напишите вопрос.</translation>
    </message>
    <message>
        <source>the question is {count} characters long (an emoji counts as 2) but OK accepts at most {max}; shorten it.</source>
        <translation>длина вопроса — {count} символов (эмодзи считается за 2), а ОК принимает не больше {max}; сократите его.</translation>
    </message>
    <message>
        <source>answer {item} is {count} characters long (an emoji counts as 2) but OK accepts at most {max}; shorten it.</source>
        <translation>длина ответа {item} — {count} символов (эмодзи считается за 2), а ОК принимает не больше {max}; сократите его.</translation>
    </message>
    <message>
        <source>the poll has {count} answers but needs at least {min}; add answers.</source>
        <translation>в опросе ответов: {count}, а нужно не меньше {min}; добавьте ответы.</translation>
    </message>
    <message>
        <source>the poll has {count} answers but OK accepts at most {max}; remove {excess} of them.</source>
        <translation>в опросе ответов: {count}, а ОК принимает не больше {max}; удалите лишние ({excess}).</translation>
    </message>
    <message>
        <source>answer {item} is empty; write it or remove it.</source>
        <translation>ответ {item} пуст; напишите его или удалите.</translation>
    </message>
    <message>
        <source>answer {item} repeats answer {first} (&quot;{answer}&quot;); make every answer different.</source>
        <translation>ответ {item} повторяет ответ {first} («{answer}»); сделайте все ответы разными.</translation>
    </message>
    <message>
        <source>the poll option &apos;{option}&apos; is unknown to OK; turn the poll options off and on again.</source>
        <translation>параметр опроса «{option}» незнаком ОК; выключите и снова включите параметры опроса.</translation>
    </message>
    <message>
        <source>the reshare has no id of what it shares; share the topic or video again.</source>
        <translation>в репосте нет ID того, чем делятся; поделитесь темой или видео заново.</translation>
    </message>
    <message>
        <source>OK needs to know whether the shared topic is a group&apos;s topic and the block does not say; share it again.</source>
        <translation>ОК нужно знать, тема ли это группы, а в блоке это не указано; поделитесь заново.</translation>
    </message>
    <message>
        <source>a reshare set as the status needs a comment; add a text block.</source>
        <translation>репосту в статус нужен комментарий; добавьте текстовый блок.</translation>
    </message>
    <message>
        <source>Block {number} ({type}): {text}</source>
        <translation>Блок {number} ({type}): {text}</translation>
    </message>
    <message>
        <source>an upload token</source>
        <translation>токен загрузки</translation>
    </message>
    <message>
        <source>a photo id</source>
        <translation>ID фото</translation>
    </message>
    <message>
        <source>a local file</source>
        <translation>локальный файл</translation>
    </message>
    <message>
        <source> and </source>
        <translation> и </translation>
    </message>
</context>
<context>
    <name>units</name>
    <message>
        <source>MB</source>
        <translation>МБ</translation>
    </message>
    <message>
        <source>KB</source>
        <translation>КБ</translation>
    </message>
</context>
</TS>
