from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.question import Question


T = TypeVar("T", bound="ReaderStudy")


@_attrs_define
class ReaderStudy:
    api_url: str
    url: str
    slug: str
    logo: str
    help_text: str
    help_text_safe: str
    pk: UUID
    questions: list[Question]
    title: str
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
        api_url = self.api_url

        url = self.url

        slug = self.slug

        logo = self.logo

        help_text = self.help_text

        help_text_safe = self.help_text_safe

        pk = str(self.pk)

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        title = self.title

        title_safe = self.title_safe

        has_ground_truth = self.has_ground_truth

        end_of_study_text_safe = self.end_of_study_text_safe

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
                "help_text": help_text,
                "help_text_safe": help_text_safe,
                "pk": pk,
                "questions": questions,
                "title": title,
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question import Question  # noqa: PLC0415

        d = dict(src_dict)
        api_url = d.pop("api_url")

        url = d.pop("url")

        slug = d.pop("slug")

        logo = d.pop("logo")

        help_text = d.pop("help_text")

        help_text_safe = d.pop("help_text_safe")

        pk = UUID(d.pop("pk"))

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = Question.from_dict(questions_item_data)

            questions.append(questions_item)

        title = d.pop("title")

        title_safe = d.pop("title_safe")

        has_ground_truth = d.pop("has_ground_truth")

        end_of_study_text_safe = d.pop("end_of_study_text_safe")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        is_educational = d.pop("is_educational", UNSET)

        instant_verification = d.pop("instant_verification", UNSET)

        allow_answer_modification = d.pop("allow_answer_modification", UNSET)

        enable_autosaving = d.pop("enable_autosaving", UNSET)

        allow_case_navigation = d.pop("allow_case_navigation", UNSET)

        allow_show_all_annotations = d.pop("allow_show_all_annotations", UNSET)

        roll_over_answers_for_n_cases = d.pop("roll_over_answers_for_n_cases", UNSET)

        reader_study = cls(
            api_url=api_url,
            url=url,
            slug=slug,
            logo=logo,
            help_text=help_text,
            help_text_safe=help_text_safe,
            pk=pk,
            questions=questions,
            title=title,
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
