<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BestTimesPanel</name>
    <message numerus="yes">
        <source>Engagement per reach by the weekday and hour posts went out ({zone}). Each cell says how many posts it stands on; grey cells have fewer than %n and are not ranked.</source>
        <translation>
            <numerusform>Engagement per reach by the weekday and hour posts went out ({zone}). Each cell says how many posts it stands on; grey cells have fewer than %n and are not ranked.</numerusform>
            <numerusform>Engagement per reach by the weekday and hour posts went out ({zone}). Each cell says how many posts it stands on; grey cells have fewer than %n and are not ranked.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counted</name>
    <message numerus="yes">
        <source>{cells} cells but the header names %n columns</source>
        <translation>
            <numerusform>{cells} cells but the header names %n column</numerusform>
            <numerusform>{cells} cells but the header names %n columns</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DraftWords</name>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeatMap</name>
    <message numerus="yes">
        <source>%n post(s), reach {reach}, engagement {engagement}: {rate} per reach</source>
        <translation>
            <numerusform>%n post, reach {reach}, engagement {engagement}: {rate} per reach</numerusform>
            <numerusform>%n posts, reach {reach}, engagement {engagement}: {rate} per reach</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%n of {count} rows need fixing in the file; nothing can be saved or sent yet.</source>
        <translation>
            <numerusform>%n of {count} rows needs fixing in the file; nothing can be saved or sent yet.</numerusform>
            <numerusform>%n of {count} rows need fixing in the file; nothing can be saved or sent yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n rows are fine.</source>
        <translation>
            <numerusform>The %n row is fine.</numerusform>
            <numerusform>All %n rows are fine.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InsightsView</name>
    <message numerus="yes">
        <source>%n post(s)</source>
        <translation>
            <numerusform>%n post</numerusform>
            <numerusform>%n posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>OK asks to wait: trying again in %n second(s)</source>
        <translation>
            <numerusform>OK asks to wait: trying again in %n second</numerusform>
            <numerusform>OK asks to wait: trying again in %n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MomentsView</name>
    <message numerus="yes">
        <source>Publishing %n Moments…</source>
        <translation>
            <numerusform>Publishing %n Moment…</numerusform>
            <numerusform>Publishing %n Moments…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Published %n Moments.</source>
        <translation>
            <numerusform>Published %n Moment.</numerusform>
            <numerusform>Published %n Moments.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n images · {sent} of {total} {unit}</source>
        <translation>
            <numerusform>{done} of %n image · {sent} of {total} {unit}</numerusform>
            <numerusform>{done} of %n images · {sent} of {total} {unit}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoGrid</name>
    <message numerus="yes">
        <source>%n photos</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need attention</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only the first %n images of the folder were added.</source>
        <translation>
            <numerusform>Only the first %n image of the folder was added.</numerusform>
            <numerusform>Only the first %n images of the folder were added.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsList</name>
    <message numerus="yes">
        <source>%n photo(s) still being checked…</source>
        <translation>
            <numerusform>%n photo still being checked…</numerusform>
            <numerusform>%n photos still being checked…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishPanel</name>
    <message numerus="yes">
        <source>{done} of %n photos, {sent} of {total} {unit}</source>
        <translation>
            <numerusform>{done} of %n photo, {sent} of {total} {unit}</numerusform>
            <numerusform>{done} of %n photos, {sent} of {total} {unit}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message numerus="yes">
        <source>okcomposer: %n posts waiting to be sent</source>
        <translation>
            <numerusform>okcomposer: %n post waiting to be sent</numerusform>
            <numerusform>okcomposer: %n posts waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>okcomposer keeps running to send %n waiting posts on time.</source>
        <translation>
            <numerusform>okcomposer keeps running to send %n waiting post on time.</numerusform>
            <numerusform>okcomposer keeps running to send %n waiting posts on time.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n posts for your page are waiting to be sent by okcomposer at their time. This is the sandbox: if you quit, it forgets them with everything it stored, and they are never sent.</source>
        <translation>
            <numerusform>%n post for your page is waiting to be sent by okcomposer at its time. This is the sandbox: if you quit, it forgets it with everything it stored, and it is never sent.</numerusform>
            <numerusform>%n posts for your page are waiting to be sent by okcomposer at their time. This is the sandbox: if you quit, it forgets them with everything it stored, and they are never sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n posts for your page are waiting to be sent by okcomposer at their time. If you quit, they are not sent until you start okcomposer again (it will ask you then).</source>
        <translation>
            <numerusform>%n post for your page is waiting to be sent by okcomposer at its time. If you quit, it is not sent until you start okcomposer again (it will ask you then).</numerusform>
            <numerusform>%n posts for your page are waiting to be sent by okcomposer at their time. If you quit, they are not sent until you start okcomposer again (it will ask you then).</numerusform>
        </translation>
    </message>
</context>
</TS>
