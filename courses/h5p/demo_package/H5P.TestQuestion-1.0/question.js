/* H5P.TestQuestion 1.0: a single-choice question that reports its result by xAPI.
 * Content parameters: {question, answers: [{text, correct}], probe}. With "probe": true it
 * also tries to read the host page's cookies and document and shows what it got. */
var H5P = window.H5P = window.H5P || {};

H5P.TestQuestion = (function (EventDispatcher) {
  "use strict";

  function TestQuestion(params, contentId) {
    EventDispatcher.call(this);
    this.params = params || {};
    this.contentId = contentId;
  }
  TestQuestion.prototype = Object.create(EventDispatcher.prototype);
  TestQuestion.prototype.constructor = TestQuestion;

  TestQuestion.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get ? $container.get(0) : $container;
    root.classList.add("h5p-test-question");
    root.textContent = "";

    var question = document.createElement("p");
    question.className = "h5p-test-question__text";
    question.textContent = self.params.question || "";
    root.appendChild(question);

    var answers = document.createElement("div");
    answers.className = "h5p-test-question__answers";
    (self.params.answers || []).forEach(function (answer) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = answer.text;
      button.addEventListener("click", function () {
        var score = answer.correct ? 1 : 0;
        feedback.textContent = answer.correct ? (self.params.right || "Richtig.") :
          (self.params.wrong || "Leider falsch.");
        // H5P core: triggerXAPIScored(score, maxScore, verb, completion, success)
        self.triggerXAPIScored(score, 1, "answered", true, score === 1);
      });
      answers.appendChild(button);
    });
    root.appendChild(answers);

    var feedback = document.createElement("p");
    feedback.className = "h5p-test-question__feedback";
    feedback.setAttribute("role", "status");
    root.appendChild(feedback);

    if (self.params.probe) {
      self.probe(root);
    }
  };

  /* What can content in the sandbox see of the host page? Shown in the frame as JSON. */
  TestQuestion.prototype.probe = function (root) {
    var result = {};
    var output = document.createElement("pre");
    output.id = "sandbox-probe";
    root.appendChild(output);
    function attempt(name, read) {
      try {
        result[name] = "read: " + String(read());
      } catch (error) {
        result[name] = "blocked: " + error.name;
      }
    }
    attempt("cookie", function () { return document.cookie; });
    attempt("parentDocument", function () { return window.parent.document.title; });
    attempt("parentCookie", function () { return window.parent.document.cookie; });
    attempt("topLocation", function () { return window.top.location.href; });
    attempt("parentStorage", function () { return window.parent.localStorage.length; });
    fetch("/mein-bereich/", { credentials: "include" }).then(function (response) {
      return response.text().then(function (text) { result.fetch = "read: " + text.length; });
    }).catch(function (error) {
      result.fetch = "blocked: " + error.name;
    }).then(function () {
      output.textContent = JSON.stringify(result);
      output.setAttribute("data-done", "1");
    });
  };

  return TestQuestion;
})(H5P.EventDispatcher);
