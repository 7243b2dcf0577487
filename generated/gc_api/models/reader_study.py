from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

if TYPE_CHECKING:
    from ..models.question import Question


T = TypeVar("T", bound="ReaderStudy")


@_attrs_define
class ReaderStudy:
    api_url: str
    url: str
    slug: str
    logo: str
    help_text_safe: str
    pk: UUID
    questions: list[Question]
    title_safe: str
    has_ground_truth: bool
    end_of_study_text_safe: str
    description: None | str | Unset = UNSET
    is_educational: bool | Unset = UNSET
    """ If checked, readers get the option to verify their answers against the uploaded ground truth. This also
    means that the uploaded ground truth will be readily available to the readers. """
    instant_verification: bool | Unset = UNSET
    """ In an educational reader study, enabling this setting will allow the user to go through the reader study
    faster. The 'Save and continue' button will be replaced by a 'Verify and continue' button which will show the
    answer verification pop up and allow the user to save and go to the next case upon dismissal. """
    allow_answer_modification: bool | Unset = UNSET
    """ If true, readers are allowed to modify their answers for a case by navigating back to previous cases. 'Allow
    case navigation' must be checked as well to enable this setting. """
    enable_autosaving: bool | Unset = UNSET
    """ If true, answers to questions are saved in the background while a user reads a case. 'Allow Answer
    Modification' must be enabled as well for this to work. """
    allow_case_navigation: bool | Unset = UNSET
    """ If true, readers are allowed to navigate back and forth between cases in this reader study. """
    allow_show_all_annotations: bool | Unset = UNSET
    """ If true, readers are allowed to show/hide all annotations for a case. """
    roll_over_answers_for_n_cases: int | Unset = UNSET
    """ The number of cases for which answers should roll over. It can be used for repeated readings with slightly
    different hangings. For instance, if set to 1. Case 2 will start with the answers from case 1; whereas case 3
    starts anew but its answers will roll over to case 4. Setting it to 0 (default) means answers will not roll
    over. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.api_url, Missing):
            api_url = self.api_url
        else:
            api_url = MISSING

        if not isinstance(self.url, Missing):
            url = self.url
        else:
            url = MISSING

        if not isinstance(self.slug, Missing):
            slug = self.slug
        else:
            slug = MISSING

        if not isinstance(self.logo, Missing):
            logo = self.logo
        else:
            logo = MISSING

        if not isinstance(self.help_text_safe, Missing):
            help_text_safe = self.help_text_safe
        else:
            help_text_safe = MISSING

        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.questions, Missing):
            questions = []
            for questions_item_data in self.questions:
                questions_item = questions_item_data.to_dict()
                questions.append(questions_item)

        else:
            questions = MISSING

        if not isinstance(self.title_safe, Missing):
            title_safe = self.title_safe
        else:
            title_safe = MISSING

        if not isinstance(self.has_ground_truth, Missing):
            has_ground_truth = self.has_ground_truth
        else:
            has_ground_truth = MISSING

        if not isinstance(self.end_of_study_text_safe, Missing):
            end_of_study_text_safe = self.end_of_study_text_safe
        else:
            end_of_study_text_safe = MISSING

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        is_educational = self.is_educational

        instant_verification = self.instant_verification

        allow_answer_modification = self.allow_answer_modification

        enable_autosaving = self.enable_autosaving

        allow_case_navigation = self.allow_case_navigation

        allow_show_all_annotations = self.allow_show_all_annotations

        roll_over_answers_for_n_cases = self.roll_over_answers_for_n_cases

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_url": api_url,
                "url": url,
                "slug": slug,
                "logo": logo,
                "help_text_safe": help_text_safe,
                "pk": pk,
                "questions": questions,
                "title_safe": title_safe,
                "has_ground_truth": has_ground_truth,
                "end_of_study_text_safe": end_of_study_text_safe,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if is_educational is not UNSET:
            field_dict["is_educational"] = is_educational
        if instant_verification is not UNSET:
            field_dict["instant_verification"] = instant_verification
        if allow_answer_modification is not UNSET:
            field_dict["allow_answer_modification"] = allow_answer_modification
        if enable_autosaving is not UNSET:
            field_dict["enable_autosaving"] = enable_autosaving
        if allow_case_navigation is not UNSET:
            field_dict["allow_case_navigation"] = allow_case_navigation
        if allow_show_all_annotations is not UNSET:
            field_dict["allow_show_all_annotations"] = allow_show_all_annotations
        if roll_over_answers_for_n_cases is not UNSET:
            field_dict["roll_over_answers_for_n_cases"] = roll_over_answers_for_n_cases

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question import Question  # noqa: PLC0415

        d = dict(src_dict)
        _raw_api_url = d.pop("api_url", MISSING)
        try:
            if _raw_api_url is MISSING:
                raise KeyError("api_url")
            api_url = _raw_api_url
        except PARSE_ERRORS as exc:
            api_url = unparsed(_raw_api_url, "ReaderStudy.api_url", exc)

        _raw_url = d.pop("url", MISSING)
        try:
            if _raw_url is MISSING:
                raise KeyError("url")
            url = _raw_url
        except PARSE_ERRORS as exc:
            url = unparsed(_raw_url, "ReaderStudy.url", exc)

        _raw_slug = d.pop("slug", MISSING)
        try:
            if _raw_slug is MISSING:
                raise KeyError("slug")
            slug = _raw_slug
        except PARSE_ERRORS as exc:
            slug = unparsed(_raw_slug, "ReaderStudy.slug", exc)

        _raw_logo = d.pop("logo", MISSING)
        try:
            if _raw_logo is MISSING:
                raise KeyError("logo")
            logo = _raw_logo
        except PARSE_ERRORS as exc:
            logo = unparsed(_raw_logo, "ReaderStudy.logo", exc)

        _raw_help_text_safe = d.pop("help_text_safe", MISSING)
        try:
            if _raw_help_text_safe is MISSING:
                raise KeyError("help_text_safe")
            help_text_safe = _raw_help_text_safe
        except PARSE_ERRORS as exc:
            help_text_safe = unparsed(
                _raw_help_text_safe, "ReaderStudy.help_text_safe", exc
            )

        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "ReaderStudy.pk", exc)

        _raw_questions = d.pop("questions", MISSING)
        try:
            if _raw_questions is MISSING:
                raise KeyError("questions")
            questions = []
            _questions = _raw_questions
            for questions_item_data in _questions:
                questions_item = Question.from_dict(questions_item_data)

                questions.append(questions_item)

        except PARSE_ERRORS as exc:
            questions = unparsed(_raw_questions, "ReaderStudy.questions", exc)

        _raw_title_safe = d.pop("title_safe", MISSING)
        try:
            if _raw_title_safe is MISSING:
                raise KeyError("title_safe")
            title_safe = _raw_title_safe
        except PARSE_ERRORS as exc:
            title_safe = unparsed(_raw_title_safe, "ReaderStudy.title_safe", exc)

        _raw_has_ground_truth = d.pop("has_ground_truth", MISSING)
        try:
            if _raw_has_ground_truth is MISSING:
                raise KeyError("has_ground_truth")
            has_ground_truth = _raw_has_ground_truth
        except PARSE_ERRORS as exc:
            has_ground_truth = unparsed(
                _raw_has_ground_truth, "ReaderStudy.has_ground_truth", exc
            )

        _raw_end_of_study_text_safe = d.pop("end_of_study_text_safe", MISSING)
        try:
            if _raw_end_of_study_text_safe is MISSING:
                raise KeyError("end_of_study_text_safe")
            end_of_study_text_safe = _raw_end_of_study_text_safe
        except PARSE_ERRORS as exc:
            end_of_study_text_safe = unparsed(
                _raw_end_of_study_text_safe, "ReaderStudy.end_of_study_text_safe", exc
            )

        _raw_description = d.pop("description", UNSET)
        try:

            def _parse_description(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            description = _parse_description(_raw_description)

        except PARSE_ERRORS as exc:
            description = unparsed(_raw_description, "ReaderStudy.description", exc)

        _raw_is_educational = d.pop("is_educational", UNSET)
        try:
            is_educational = _raw_is_educational
        except PARSE_ERRORS as exc:
            is_educational = unparsed(
                _raw_is_educational, "ReaderStudy.is_educational", exc
            )

        _raw_instant_verification = d.pop("instant_verification", UNSET)
        try:
            instant_verification = _raw_instant_verification
        except PARSE_ERRORS as exc:
            instant_verification = unparsed(
                _raw_instant_verification, "ReaderStudy.instant_verification", exc
            )

        _raw_allow_answer_modification = d.pop("allow_answer_modification", UNSET)
        try:
            allow_answer_modification = _raw_allow_answer_modification
        except PARSE_ERRORS as exc:
            allow_answer_modification = unparsed(
                _raw_allow_answer_modification,
                "ReaderStudy.allow_answer_modification",
                exc,
            )

        _raw_enable_autosaving = d.pop("enable_autosaving", UNSET)
        try:
            enable_autosaving = _raw_enable_autosaving
        except PARSE_ERRORS as exc:
            enable_autosaving = unparsed(
                _raw_enable_autosaving, "ReaderStudy.enable_autosaving", exc
            )

        _raw_allow_case_navigation = d.pop("allow_case_navigation", UNSET)
        try:
            allow_case_navigation = _raw_allow_case_navigation
        except PARSE_ERRORS as exc:
            allow_case_navigation = unparsed(
                _raw_allow_case_navigation, "ReaderStudy.allow_case_navigation", exc
            )

        _raw_allow_show_all_annotations = d.pop("allow_show_all_annotations", UNSET)
        try:
            allow_show_all_annotations = _raw_allow_show_all_annotations
        except PARSE_ERRORS as exc:
            allow_show_all_annotations = unparsed(
                _raw_allow_show_all_annotations,
                "ReaderStudy.allow_show_all_annotations",
                exc,
            )

        _raw_roll_over_answers_for_n_cases = d.pop(
            "roll_over_answers_for_n_cases", UNSET
        )
        try:
            roll_over_answers_for_n_cases = _raw_roll_over_answers_for_n_cases
        except PARSE_ERRORS as exc:
            roll_over_answers_for_n_cases = unparsed(
                _raw_roll_over_answers_for_n_cases,
                "ReaderStudy.roll_over_answers_for_n_cases",
                exc,
            )

        reader_study = cls(
            api_url=api_url,
            url=url,
            slug=slug,
            logo=logo,
            help_text_safe=help_text_safe,
            pk=pk,
            questions=questions,
            title_safe=title_safe,
            has_ground_truth=has_ground_truth,
            end_of_study_text_safe=end_of_study_text_safe,
            description=description,
            is_educational=is_educational,
            instant_verification=instant_verification,
            allow_answer_modification=allow_answer_modification,
            enable_autosaving=enable_autosaving,
            allow_case_navigation=allow_case_navigation,
            allow_show_all_annotations=allow_show_all_annotations,
            roll_over_answers_for_n_cases=roll_over_answers_for_n_cases,
        )

        reader_study.additional_properties = d
        return reader_study

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
