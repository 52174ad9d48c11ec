// The demo chat page: pick a persona, then chat with the bot through the local server's user side.
"use strict";

const $ = (id) => document.getElementById(id);
const TAGS = {
  bold: "strong", italic: "em", underline: "u", strikethrough: "s", code: "code", pre: "pre",
  text_link: "a", url: "a", blockquote: "blockquote", expandable_blockquote: "blockquote", spoiler: "span",
};
const ROLES = {
  leaver: "care leaver", pa: "personal advisor", manager: "manager", admin: "admin", duty: "on call",
};
let persona = null;
let session = 0;
let version = -1;
let answersSeen = 0;

async function call(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, options);
  return response.json();
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function safeUrl(url) {
  return /^https?:\/\//i.test(url || "") ? url : "#";
}

function formatted(text, entities) {
  const fragment = document.createDocumentFragment();
  let position = 0;
  const sorted = (entities || []).slice().sort((a, b) => a.offset - b.offset);
  for (const entity of sorted) {
    if (entity.offset < position) continue; // nested entities keep their outer style only
    fragment.append(text.slice(position, entity.offset));
    const piece = text.slice(entity.offset, entity.offset + entity.length);
    const node = element(TAGS[entity.type] || "span", "", piece);
    if (node.tagName === "A") {
      node.href = safeUrl(entity.type === "url" ? piece : entity.url);
      node.target = "_blank";
      node.rel = "noopener";
    }
    fragment.append(node);
    position = entity.offset + entity.length;
  }
  fragment.append(text.slice(position));
  return fragment;
}

function toast(text) {
  const box = $("toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 3500);
}

function renderMessage(message, botId) {
  const fromBot = message.from && message.from.id === botId;
  const item = element("li", "message " + (fromBot ? "bot" : "me"));
  item.dataset.messageId = message.message_id;
  if (message.photo) {
    const image = element("img");
    image.src = "/user/files/" + encodeURIComponent(message.photo[message.photo.length - 1].file_id);
    image.alt = message.caption || "A picture from the bot";
    item.append(image);
  }
  if (message.document) {
    const link = element("a", "file", "Download " + (message.document.file_name || "document"));
    link.href = "/user/files/" + encodeURIComponent(message.document.file_id);
    link.download = message.document.file_name || "";
    item.append(link, document.createElement("br"));
  }
  const text = message.text || message.caption || "";
  item.append(formatted(text, message.entities || message.caption_entities));
  if (message.edit_date) item.append(element("span", "edited", "edited"));
  const keyboard = message.reply_markup && message.reply_markup.inline_keyboard;
  if (fromBot && keyboard) {
    const grid = element("div", "inline-keyboard");
    for (const row of keyboard) {
      const line = element("div", "row");
      for (const button of row) line.append(inlineButton(message, button));
      grid.append(line);
    }
    item.append(grid);
  }
  return item;
}

function inlineButton(message, button) {
  const node = element("button", "", button.text);
  node.type = "button";
  if (button.callback_data !== undefined) {
    node.addEventListener("click", () => call(`/user/${persona.user_id}/presses`, {
      message_id: message.message_id, callback_data: button.callback_data,
    }));
  } else if (button.url) {
    node.addEventListener("click", () => window.open(safeUrl(button.url), "_blank", "noopener"));
  } else {
    node.disabled = true;
  }
  return node;
}

function renderShortcuts(commands) {
  const box = $("shortcuts");
  box.replaceChildren();
  if (persona.invite) box.append(sendButton("Open my invite link", persona.invite));
  for (const command of commands || []) {
    const button = sendButton("/" + command.command, "/" + command.command);
    button.title = command.description;
    box.append(button);
  }
  const tries = $("suggestions");
  tries.replaceChildren();
  for (const typed of persona.suggestions || []) {
    const button = sendButton(typed, typed);
    button.title = "Type this";
    tries.append(button);
  }
}

function sendButton(label, text) {
  const button = element("button", "", label);
  button.type = "button";
  button.addEventListener("click", () => send(text));
  return button;
}

function renderChat(result) {
  const list = $("messages");
  list.replaceChildren(...result.messages.map((message) => renderMessage(message, result.bot.id)));
  if (!result.messages.length) {
    list.append(element("li", "empty", "No messages yet. Tap /start below to begin."));
  }
  renderShortcuts(result.commands);
  const keys = $("keyboard");
  keys.replaceChildren();
  for (const row of (result.reply_keyboard && result.reply_keyboard.keyboard) || []) {
    for (const key of row) keys.append(sendButton(key.text || key, key.text || key));
  }
  for (const answer of result.answers.slice(answersSeen)) toast(answer.text);
  answersSeen = result.answers.length;
  $("chat").scrollTop = $("chat").scrollHeight;
}

async function follow(mySession) {
  while (mySession === session) {
    try {
      const reply = await call(`/user/${persona.user_id}/chat?since=${version}&wait=25`);
      if (mySession !== session) return;
      version = reply.result.version;
      renderChat(reply.result);
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 2000)); // the demo stopped or restarted
    }
  }
}

async function send(text) {
  if (!persona || !text.trim()) return;
  await call(`/user/${persona.user_id}/messages`, { text, first_name: persona.name });
}

function choose(chosen) {
  persona = chosen;
  session += 1;
  version = -1;
  answersSeen = 0;
  $("who").textContent = chosen.name + " (" + (ROLES[chosen.role] || "new here") + ")";
  $("pick").hidden = true;
  $("chat").hidden = false;
  $("compose").hidden = false;
  $("back").hidden = false;
  $("messages").replaceChildren();
  follow(session);
}

function pickAgain() {
  call("/demo/state").then(showPersonas);
  session += 1;
  persona = null;
  $("who").textContent = "carebot demo";
  $("pick").hidden = false;
  $("chat").hidden = true;
  $("compose").hidden = true;
  $("back").hidden = true;
}

function showClock(state) {
  $("now").textContent = state.now_text;
  $("now").dateTime = state.now;
}

function showPersonas(state) {
  const list = $("personas");
  list.replaceChildren();
  for (const choice of state.personas) {
    const button = element("button");
    button.type = "button";
    button.dataset.persona = choice.key;
    button.append(element("strong", "", choice.name), element("span", "", choice.about));
    if (choice.from_bot) {
      const count = choice.from_bot + (choice.from_bot === 1 ? " message" : " messages") + " from the bot";
      button.append(element("em", "badge", count));
    }
    button.addEventListener("click", () => choose(choice));
    const item = element("li");
    item.append(button);
    list.append(item);
  }
}

async function start() {
  const state = await call("/demo/state");
  $("service").textContent = state.service;
  showClock(state);
  showPersonas(state);
  $("back").addEventListener("click", pickAgain);
  $("send").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value;
    $("text").value = "";
    send(text);
  });
  for (const jump of document.querySelectorAll("[data-hours]")) {
    jump.addEventListener("click", async () => {
      const moved = await call("/demo/clock", { hours: Number(jump.dataset.hours) });
      showClock(moved);
      if (!persona) showPersonas(moved);
      toast("Demo time is now " + moved.now_text);
    });
  }
}

start();
