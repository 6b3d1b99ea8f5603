// The id catalogue: one JSON file per area, keys "area.key".
import common from "./id/common.json";
import account from "./id/account.json";
import profile from "./id/profile.json";
import directory from "./id/directory.json";
import requests from "./id/requests.json";
import sessions from "./id/sessions.json";
import mentorships from "./id/mentorships.json";
import conversations from "./id/conversations.json";
import notifications from "./id/notifications.json";
import room from "./id/room.json";
import knowledge from "./id/knowledge.json";
import recognition from "./id/recognition.json";

export default { ...common, ...account, ...profile, ...directory, ...requests, ...mentorships, ...sessions, ...conversations, ...notifications, ...room, ...knowledge, ...recognition };
