// The en catalogue: one JSON file per area, keys "area.key".
import common from "./en/common.json";
import account from "./en/account.json";
import profile from "./en/profile.json";
import directory from "./en/directory.json";
import requests from "./en/requests.json";
import sessions from "./en/sessions.json";
import mentorships from "./en/mentorships.json";
import conversations from "./en/conversations.json";
import notifications from "./en/notifications.json";
import room from "./en/room.json";
import knowledge from "./en/knowledge.json";
import recognition from "./en/recognition.json";

export default { ...common, ...account, ...profile, ...directory, ...requests, ...mentorships, ...sessions, ...conversations, ...notifications, ...room, ...knowledge, ...recognition };
